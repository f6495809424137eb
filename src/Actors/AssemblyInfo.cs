namespace Mail.Actors;
