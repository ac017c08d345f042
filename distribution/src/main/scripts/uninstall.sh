#!/bin/sh
# Removes jakamo-connector installed by install.sh. Keeps the configuration (/etc/jakamo-connector, the credentials
# drop-in) and the data (/var/lib/jakamo-connector: the database, the audit signing key and anchor file) unless told
# to purge, and the ERP's folders (/srv/erp/jakamo) always.
#
#   ./uninstall.sh                  stop the service, remove the program, the unit and the docs
#   ./uninstall.sh --purge          also delete the configuration, the secrets and the data: the database and the
#                                   audit trail are gone for good (take a backup first: docs/operations.md)
#   ./uninstall.sh --root DIR       uninstall from DIR instead of / (DESTDIR=DIR does the same)
#
# The jakamo user stays (files elsewhere may still be its own): userdel jakamo removes it.
set -eu

root=${DESTDIR:-/}
purge=no
while [ $# -gt 0 ]; do
  case $1 in
    --root) [ $# -ge 2 ] || { echo "uninstall.sh: --root needs a directory" >&2; exit 2; }; root=$2; shift 2 ;;
    --root=*) root=${1#--root=}; shift ;;
    --purge) purge=yes; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "uninstall.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
root=$(cd "$root" 2>/dev/null && pwd) || { echo "uninstall.sh: the root $root does not exist" >&2; exit 2; }
[ "$root" = / ] && root=

if [ -z "$root" ] && [ -d /run/systemd/system ]; then
  systemctl disable --now jakamo-connector 2>/dev/null || true
fi
rm -f "$root/usr/bin/jakamo-connector" "$root/etc/systemd/system/jakamo-connector.service"
rm -rf "$root/usr/share/jakamo-connector" "$root/usr/share/doc/jakamo-connector"
# the launcher's AppCDS archives (the unit's CacheDirectory=): a cache of the jar just removed
rm -rf "$root/var/cache/jakamo-connector"

if [ "$purge" = yes ]; then
  rm -rf "$root/etc/jakamo-connector" "$root/var/lib/jakamo-connector" \
    "$root/etc/systemd/system/jakamo-connector.service.d/credentials.conf"
  rmdir "$root/etc/systemd/system/jakamo-connector.service.d" 2>/dev/null || true
  # the ERP's documents are never deleted: only an empty folder root goes
  rmdir "$root/srv/erp/jakamo" 2>/dev/null || true
  echo "uninstall.sh: removed jakamo-connector with its configuration and data; kept the jakamo user and any ERP folders under ${root}/srv/erp/jakamo"
else
  echo "uninstall.sh: removed jakamo-connector; kept ${root}/etc/jakamo-connector, ${root}/var/lib/jakamo-connector and ${root}/srv/erp/jakamo (./uninstall.sh --purge deletes the first two)"
fi
if [ -z "$root" ] && [ -d /run/systemd/system ]; then
  systemctl daemon-reload
fi
