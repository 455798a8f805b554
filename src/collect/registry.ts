import type { Collector } from './collector';
import etcHosts from './etc-hosts';
import packages from './packages';
import processes from './processes';
import sockets from './sockets';
import users from './users';
import { collectors as persistence } from './persistence/index';
import { collectors as hooks } from './hooks/index';
import { collectors as accounts } from './accounts/index';
import { collectors as files } from './files/index';
import { collectors as logs } from './logs/index';
import { collectors as rootkit } from './rootkit/index';

// Order matters only through `after`; the runner checks it.
export const COLLECTORS: Collector[] = [
  ...([users, packages, etcHosts, processes, sockets] as Collector[]),
  ...persistence,
  ...hooks,
  ...accounts,
  ...files,
  ...logs,
  ...rootkit,
];
