import type { Collector } from '../collector';
import atJobs from './at-jobs';
import cronJobs from './cron';
import dpkgConffiles from './dpkg-conffiles';
import rpmConfigFiles from './rpm-config-files';
import systemdUnits from './systemd';
import initScripts from './sysv-init';

// Collectors of the persistence family, in dependency order.
export const collectors: Collector[] = [dpkgConffiles, rpmConfigFiles, cronJobs, atJobs, systemdUnits, initScripts] as Collector[];
