#!/bin/sh
# Installs or upgrades jakamo-connector from this unpacked release tarball (run it as root from the tarball's
# directory). Layout, upgrade and rollback: docs/operations.md ("Install", "Upgrade").
#
#   ./install.sh                    install, or upgrade in place: configuration and data are kept
#   ./install.sh --root DIR         install into DIR instead of / (a chroot, an image; DESTDIR=DIR does the same)
#   ./install.sh --no-user          neither create the jakamo user nor hand it its directories (packagers, tests)
#
# It creates the jakamo system user, /etc/jakamo-connector/ (the configuration from the demo example, when there is
# none yet; credentials/ owned by root, 0700), /var/lib/jakamo-connector/ (data, 0700, owned by jakamo), the ERP folder
# root /srv/erp/jakamo that the examples name, the launcher /usr/bin/jakamo-connector, and the systemd unit with its
# credentials drop-in. It never starts the service on a first install (the secrets are not there yet); on an upgrade
# it restarts a running service, whose start runs the database migrations.
set -eu
umask 022

root=${DESTDIR:-/}
make_user=yes
while [ $# -gt 0 ]; do
  case $1 in
    --root) [ $# -ge 2 ] || { echo "install.sh: --root needs a directory" >&2; exit 2; }; root=$2; shift 2 ;;
    --root=*) root=${1#--root=}; shift ;;
    --no-user) make_user=no; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
root=$(cd "$root" 2>/dev/null && pwd) || { echo "install.sh: the root $root does not exist" >&2; exit 2; }
[ "$root" = / ] && root=
here=$(cd "$(dirname "$0")" && pwd)

if [ "$make_user" = yes ] && [ "$(id -u)" != 0 ]; then
  echo "install.sh: run it as root (it creates the jakamo user and hands it its directories), or add --no-user" >&2
  exit 77
fi

upgrade=no
[ -f "$root/usr/share/jakamo-connector/jakamo-connector.jar" ] && upgrade=yes

if [ "$make_user" = yes ] && ! grep -q '^jakamo:' "$root/etc/passwd" 2>/dev/null \
    && { [ -n "$root" ] || ! getent passwd jakamo >/dev/null 2>&1; }; then
  nologin=/usr/sbin/nologin
  [ -x "$root$nologin" ] || nologin=/sbin/nologin
  # into another root: useradd edits that root's /etc/passwd, /etc/group and /etc/shadow
  if [ -n "$root" ]; then set -- --root "$root"; else set --; fi
  useradd "$@" --system --user-group --home-dir /var/lib/jakamo-connector --no-create-home \
    --shell "$nologin" --comment "jakamo-connector" jakamo
fi

install -d -m 755 "$root/usr/bin" "$root/usr/share/jakamo-connector" "$root/usr/share/doc/jakamo-connector" \
  "$root/etc/systemd/system/jakamo-connector.service.d" "$root/etc/jakamo-connector"
install -m 755 "$here/bin/jakamo-connector" "$root/usr/bin/jakamo-connector"
install -m 644 "$here/lib/jakamo-connector.jar" "$root/usr/share/jakamo-connector/jakamo-connector.jar"
cp -R "$here/docs/." "$root/usr/share/doc/jakamo-connector/"
install -m 644 "$here/systemd/jakamo-connector.service" "$root/etc/systemd/system/jakamo-connector.service"

# configuration: the operator's own is never replaced
if [ ! -e "$root/etc/jakamo-connector/jakamo-connector.yml" ]; then
  install -m 644 "$here/docs/jakamo-connector.demo.yml" "$root/etc/jakamo-connector/jakamo-connector.yml"
fi
if [ ! -e "$root/etc/systemd/system/jakamo-connector.service.d/credentials.conf" ]; then
  install -m 644 "$here/systemd/credentials.conf" "$root/etc/systemd/system/jakamo-connector.service.d/credentials.conf"
fi
# secrets: read by systemd as root (LoadCredential=), by nobody else
install -d -m 700 "$root/etc/jakamo-connector/credentials"

# data and the ERP folder root: the service's own
install -d -m 700 "$root/var/lib/jakamo-connector"
install -d -m 755 "$root/srv/erp/jakamo"
if [ "$make_user" = yes ]; then
  # by number: in another root the user is that root's, not this system's
  owner=$(grep '^jakamo:' "$root/etc/passwd" | cut -d: -f3,4)
  [ -n "$owner" ] || owner=jakamo:jakamo
  chown "$owner" "$root/var/lib/jakamo-connector" "$root/srv/erp/jakamo"
fi

if [ -z "$root" ] && [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  if [ "$upgrade" = yes ] && systemctl is-active --quiet jakamo-connector; then
    echo "install.sh: restarting jakamo-connector (its start runs the database migrations)"
    systemctl restart jakamo-connector
  fi
fi

if [ "$upgrade" = yes ]; then
  echo "install.sh: upgraded jakamo-connector in ${root:-/}; configuration and data kept"
else
  cat <<EOT
install.sh: installed jakamo-connector in ${root:-/}. Next (docs/getting-started.md):
  1. edit /etc/jakamo-connector/jakamo-connector.yml (the client ids)
  2. put each secret it names into /etc/jakamo-connector/credentials/ (owned by root, mode 600), as
     /etc/systemd/system/jakamo-connector.service.d/credentials.conf lists them
  3. systemctl enable --now jakamo-connector; journalctl -u jakamo-connector
EOT
fi
