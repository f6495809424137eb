namespace Mail.Protocols;
