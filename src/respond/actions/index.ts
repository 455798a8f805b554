// Every action kind, registered by importing its module. `hostsweep undo` imports this, so it
// can undo runs of any command (clean, contain, harden).
import './account-lock';
import './file-edit-lines';
import './file-quarantine';
import './file-replace';
import './file-set-flags';
import './firewall';
import './process-freeze';
import './process-kill';
import './sshd-config-set';
