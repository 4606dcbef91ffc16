#!/usr/bin/env bash
# The Swedish stemmer the free-text classifier calls: Debian's Snowball library (libstemmer0d), installed when
# missing. Debian 12 images like this one usually have it already. Idempotent.
set -euo pipefail
if ! ldconfig -p 2>/dev/null | grep -q 'libstemmer\.so\.0d' && [ ! -e /usr/lib/x86_64-linux-gnu/libstemmer.so.0d ]; then
  echo "stemmer: installing libstemmer0d (Snowball) from Debian's packages"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libstemmer0d >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libstemmer0d >/dev/null; }
fi
echo "stemmer: libstemmer.so.0d ready"
