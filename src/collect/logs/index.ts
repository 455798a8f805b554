import type { Collector } from '../collector';
import authLog from './auth-log';
import histories from './histories';
import logins from './logins';
import packageHistory from './package-history';
import systemEvents from './system-events';
import webAccess from './web-access';
import webScripts from './web-scripts';

// Collectors of the logs family, in dependency order.
export const collectors: Collector[] = [authLog, logins, histories, webAccess, webScripts, packageHistory, systemEvents] as Collector[];
