#!/usr/bin/env bash
# What the browser tests need: Debian's Chromium (driven by Playwright's bundled driver; no browser
# download), zbarimg to read QR codes, and from npm axe-core and oidc-provider (the OpenID Connect
# provider the staff sign-in is tested against; it runs on Node.js). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  echo "browser: installing chromium from Debian's packages"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
fi
if ! command -v zbarimg >/dev/null 2>&1; then
  echo "browser: installing zbar-tools (zbarimg reads the QR codes back)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq zbar-tools >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq zbar-tools >/dev/null; }
fi
if [ ! -f tests/Survey.IntegrationTests/Browser/node_modules/axe-core/axe.min.js ] \
  || [ ! -f tests/Survey.IntegrationTests/Browser/node_modules/oidc-provider/package.json ]; then
  echo "browser: installing axe-core and oidc-provider from npm"
  (cd tests/Survey.IntegrationTests/Browser && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "browser: chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'), zbarimg, axe-core and oidc-provider ready"
