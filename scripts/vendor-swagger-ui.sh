#!/bin/sh
# Vendor Swagger UI (the API docs page, /api/v1/docs/) from the npm package swagger-ui-dist into the
# API app's static files: served by Jixiao itself, no CDN. Usage: scripts/vendor-swagger-ui.sh [VERSION]
set -eu
version="${1:-5.35.0}"
dest="$(dirname "$0")/../src/jixiao/web/api/static/api/swagger-ui"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "swagger-ui-dist@$version" >/dev/null && tar xzf swagger-ui-dist-*.tgz)
mkdir -p "$dest"
for f in swagger-ui-bundle.js swagger-ui-bundle.js.LICENSE.txt swagger-ui.css LICENSE NOTICE; do
  cp "$work/package/$f" "$dest/"
done
mv "$dest/LICENSE" "$dest/LICENSE.txt"
mv "$dest/NOTICE" "$dest/NOTICE.txt"
sed -i "/sourceMappingURL/d" "$dest/swagger-ui.css"  # the map is not shipped
echo "swagger-ui-dist $version (npm), vendored by scripts/vendor-swagger-ui.sh" > "$dest/VERSION.txt"
