#!/usr/bin/env bash
# What the browser tests need: Debian's Chromium (driven by Playwright's bundled driver; no browser
# download), zbarimg to read QR codes, and from npm axe-core, oidc-provider (the OpenID Connect
# provider the staff sign-in is tested against; it runs on Node.js), @redocly/cli (lints the OpenAPI
# document) and nswag (generates a C# client from it; it carries its own .NET binaries). Idempotent.
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
modules=tests/Survey.IntegrationTests/Browser/node_modules
if [ ! -f $modules/axe-core/axe.min.js ] || [ ! -f $modules/oidc-provider/package.json ] \
  || [ ! -f $modules/@redocly/cli/package.json ] || [ ! -f $modules/nswag/package.json ]; then
  echo "browser: installing axe-core, oidc-provider, @redocly/cli and nswag from npm"
  (cd tests/Survey.IntegrationTests/Browser && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "browser: chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'), zbarimg, axe-core, oidc-provider, @redocly/cli and nswag ready"
