// Registers the action kinds of `hostsweep contain`, so undo can revert them in any process.
import './account-lock';
import './firewall';
import './process-freeze';
