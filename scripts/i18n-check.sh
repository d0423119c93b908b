#!/usr/bin/env bash
# Fails when extracting the strings would change the committed catalogs: a user-facing string
# that is not in the catalog, or a stale key that no longer is in the code.
set -euo pipefail
npm run -s i18n >/dev/null
if ! git diff --quiet -- locales || [ -n "$(git ls-files --others --exclude-standard locales)" ]; then
  echo "i18n: the catalogs in locales/ are out of date; run 'npm run i18n' and commit the result:" >&2
  git --no-pager diff --stat -- locales >&2
  git ls-files --others --exclude-standard locales >&2
  exit 1
fi
echo "i18n: catalogs are up to date"
node scripts/check-translations.mjs
