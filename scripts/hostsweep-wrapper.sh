#!/bin/sh
# hostsweep: starts the single executable that sits next to this script, after checking that
# this machine's C library can load it. Official Node builds need glibc 2.28 or newer (RHEL 8+,
# Debian 10+, Ubuntu 20.04+); on older systems the loader would only print a bare
# "GLIBC_2.28 not found", so say what to do instead.
here=$(dirname -- "$0")
bin="$here/hostsweep-linux-x64"
if [ ! -x "$bin" ]; then
  echo "hostsweep: $bin is missing or not executable (copy it next to this script, chmod 0755)" >&2
  exit 2
fi
need_major=2
need_minor=28
v=$(getconf GNU_LIBC_VERSION 2>/dev/null | sed -n 's/^glibc \([0-9][0-9]*\)\.\([0-9][0-9]*\).*/\1 \2/p')
if [ -n "$v" ]; then
  major=${v% *}
  minor=${v#* }
  if [ "$major" -lt "$need_major" ] || { [ "$major" -eq "$need_major" ] && [ "$minor" -lt "$need_minor" ]; }; then
    cat >&2 <<MSG
hostsweep: this system has glibc $major.$minor; the single executable needs glibc $need_major.$need_minor or newer
(CentOS/RHEL 7 and other systems of that age cannot run it).
Scan this server's disk from another machine instead: boot a rescue system or attach the disk to an
analyst machine, mount it read-only (mount -o ro /dev/sdX1 /mnt/disk) and run there:
  hostsweep scan --root /mnt/disk
本机 glibc 版本为 $major.$minor，单文件程序需要 glibc $need_major.$need_minor 或更高版本（CentOS/RHEL 7 等旧系统无法运行）。
请改为离线检查：用救援系统启动或把磁盘挂到分析机上，只读挂载后运行 hostsweep scan --root /mnt/disk
MSG
    exit 2
  fi
elif [ -e /lib64/ld-linux-x86-64.so.2 ] || [ -e /lib/ld-linux-x86-64.so.2 ]; then
  :
else
  echo "hostsweep: this system has no glibc loader for x86-64 (musl or another architecture); scan its disk with --root from another machine" >&2
  exit 2
fi
exec "$bin" "$@"
