import type { Collector } from '../collector';
import ldConfig from './ld-config';
import moduleAutoload from './module-autoload';
import motdScripts from './motd-scripts';
import pam from './pam';
import selinux from './selinux';
import shellStartup from './shell-startup';
import udevRules from './udev-rules';

// Collectors of the hooks family, in dependency order.
export const collectors: Collector[] = [ldConfig, shellStartup, pam, moduleAutoload, udevRules, motdScripts, selinux] as Collector[];
