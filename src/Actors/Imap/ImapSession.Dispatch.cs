using Mail.Protocols.Imap;

namespace Mail.Actors.Imap;

/// What each parsed input leads to; the command handlers live in the other partial files.
public sealed partial class ImapSession
{
    private bool Handle(ImapInput input)
    {
        switch (input)
        {
            case NeedMoreData:
                return false;
            case ContinuationNeeded:
                SendLine("+ Ready for literal data");
                return false;
            case CommandInput c:
                Dispatch(c.Command);
                return true;
            case LiteralTooLarge t:
                SendLine($"{t.Tag} NO [TOOBIG] Message too large (limit {_settings.MaxMessageSize} octets)");
                return true;
            case BadCharset b:
                SendLine($"{b.Tag} NO [BADCHARSET (UTF-8 US-ASCII)] Unsupported charset");
                return true;
            case SaslResponseInput s:
                _mode = ReadMode.Command;
                OnSaslResponse(s.Response);
                return true;
            case IdleDone:
                _mode = ReadMode.Command;
                Ok("Idle completed");
                return true;
            case ErrorInput e:
                if (_mode == ReadMode.IdleDone)
                {
                    _mode = ReadMode.Command;
                    Bad("Expected DONE");
                    return true;
                }
                if (_mode == ReadMode.SaslResponse)
                {
                    _mode = ReadMode.Command;
                    Bad("Invalid SASL response");
                    return true;
                }
                SendLine($"{e.Tag ?? "*"} BAD {e.Text}");
                return true;
            default:
                SendLine($"* BAD Unexpected input");
                return true;
        }
    }

    private void Dispatch(ImapCommand command)
    {
        _current = command;
        if (!ImapStateTable.IsAllowed(_state, command.Request))
        {
            Bad(_state switch
            {
                ImapState.NotAuthenticated => $"{command.Request.Verb} needs authentication first",
                ImapState.Authenticated when ImapStateTable.IsAllowed(ImapState.Selected, command.Request) => "No mailbox selected",
                ImapState.Selected or ImapState.Authenticated when command.Request is LoginRequest or AuthenticateRequest => "Already authenticated",
                _ => $"{command.Request.Verb} not allowed now",
            });
            return;
        }
        switch (command.Request)
        {
            case CapabilityRequest:
                Untagged("CAPABILITY " + Capabilities());
                Ok("Capability completed");
                break;
            case NoopRequest or CheckRequest:
                Ok($"{command.Request.Verb} completed");
                break;
            case LogoutRequest:
                Untagged("BYE Logging out");
                SendLine($"{command.Tag} OK Logout completed");
                _state = ImapState.Logout;
                Ending(LoggedOut);
                Close();
                break;
            case IdRequest id:
                OnId(id);
                break;
            case StartTlsRequest:
                OnStartTls();
                break;
            case LoginRequest login:
                OnLogin(login);
                break;
            case AuthenticateRequest auth:
                OnAuthenticate(auth);
                break;
            case EnableRequest enable:
                OnEnable(enable);
                break;
            case NamespaceRequest:
                Untagged("NAMESPACE ((\"\" \"/\")) NIL NIL");
                Ok("Namespace completed");
                break;
            case IdleRequest:
                OnIdle();
                break;
            case ListRequest list:
                OnList(list);
                break;
            case LsubRequest lsub:
                OnLsub(lsub);
                break;
            case StatusRequest status:
                OnStatus(status);
                break;
            case CreateRequest create:
                OnCreate(create);
                break;
            case DeleteRequest delete:
                OnDelete(delete);
                break;
            case RenameRequest rename:
                OnRename(rename);
                break;
            case SubscribeRequest sub:
                OnSubscribe(sub.Mailbox, true);
                break;
            case UnsubscribeRequest unsub:
                OnSubscribe(unsub.Mailbox, false);
                break;
            case GetQuotaRequest quota:
                OnGetQuota(quota);
                break;
            case GetQuotaRootRequest quotaRoot:
                OnGetQuotaRoot(quotaRoot);
                break;
            case AppendRequest append:
                OnAppend(append);
                break;
            case SelectRequest select:
                OnSelect(select);
                break;
            case CloseRequest:
                OnClose(expunge: true);
                break;
            case UnselectRequest:
                OnClose(expunge: false);
                break;
            case ExpungeRequest:
                OnExpunge(null);
                break;
            case UidExpungeRequest uidExpunge:
                OnExpunge(uidExpunge.Uids);
                break;
            case FetchRequest fetch:
                OnFetch(fetch);
                break;
            case StoreRequest store:
                OnStore(store);
                break;
            case CopyRequest copy:
                OnCopy(copy.Uid, copy.Set, copy.Mailbox, move: false);
                break;
            case MoveRequest move:
                OnCopy(move.Uid, move.Set, move.Mailbox, move: true);
                break;
            case SearchRequest search:
                OnSearch(search);
                break;
            default:
                Bad($"{command.Request.Verb} is not supported");
                break;
        }
    }
}
