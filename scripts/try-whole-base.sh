#!/usr/bin/env bash
# The README's "Running for a whole base", step by step, in a checkout ($1, default .), with stand-ins:
# a PostgreSQL 18 server started from the embedded-postgres binaries, s3rver for object storage.
# Usage: bash scripts/try-whole-base.sh [checkout]   (needs the shared coco128 images: CADRE_SHARED_DATA)
set -eu
cd "${1:-.}"
W=$(mktemp -d); chmod 755 $W; echo "work dir $W"
cleanup() { kill $(jobs -p) 2>/dev/null || true; rm -f ./_pg.mjs ./_s3.mjs ./_put.mjs; }
trap cleanup EXIT
# 0. stand-ins
cat > $W/pg.mjs <<'JS'
import EmbeddedPostgres from 'embedded-postgres';
const pg = new EmbeddedPostgres({ databaseDir: process.argv[2], user: 'cadre', password: 'secret', port: 55432, persistent: false, createPostgresUser: true });
await pg.initialise(); await pg.start(); await pg.createDatabase('cadre'); console.log('postgres up'); setInterval(() => {}, 1 << 30);
JS
cp $W/pg.mjs ./_pg.mjs; node ./_pg.mjs $W/pgdata > $W/pg.log 2>&1 & 
cat > ./_s3.mjs <<'JS'
import S3rver from 's3rver';
const s = new S3rver({ port: 14569, address: '127.0.0.1', silent: true, directory: process.argv[2], configureBuckets: [{ name: 'street-scenes' }, { name: 'exports' }] });
await s.run(); console.log('s3 up'); setInterval(() => {}, 1 << 30);
JS
node --openssl-legacy-provider ./_s3.mjs $W/s3 > $W/s3.log 2>&1 &
for i in $(seq 1 60); do grep -q "postgres up" $W/pg.log 2>/dev/null && grep -q "s3 up" $W/s3.log 2>/dev/null && break; sleep 1; done
cat $W/pg.log $W/s3.log
# 1.
export DATABASE_URL=postgres://cadre:secret@127.0.0.1:55432/cadre
export CADRE_S3_BUCKETS=street-scenes,exports CADRE_S3_ENDPOINT=http://127.0.0.1:14569 CADRE_S3_ACCESS_KEY_ID=S3RVER CADRE_S3_SECRET_ACCESS_KEY=S3RVER
export CADRE_DB_POOL=20 CADRE_METRICS_TOKEN=a-long-metrics-token-123 CADRE_DEMO=false CADRE_ADMIN_EMAIL=admin@base.local CADRE_ADMIN_PASSWORD=admin-password-1
# 2.
PORT=18080 npx cadre serve > $W/s1.log 2>&1 &
PORT=18081 npx cadre serve > $W/s2.log 2>&1 &
npx cadre worker > $W/w.log 2>&1 &
for p in 18080 18081; do for i in $(seq 1 120); do curl -fsS http://127.0.0.1:$p/api/health >/dev/null 2>&1 && break; sleep 1; done; echo "server $p: $(curl -fsS http://127.0.0.1:$p/api/health)"; done
# 3. media into the bucket, a project, import by prefix, export back to a bucket
cat > ./_put.mjs <<'JS'
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { readdirSync, readFileSync } from 'node:fs';
const c = new S3Client({ endpoint: 'http://127.0.0.1:14569', region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
const dir = process.argv[2]; const files = readdirSync(dir).filter((f) => f.endsWith('.jpg')).slice(0, 20);
for (const f of files) await c.send(new PutObjectCommand({ Bucket: 'street-scenes', Key: `2026-12/${f}`, Body: readFileSync(`${dir}/${f}`) }));
console.log(`uploaded ${files.length} images`);
JS
IMG=$(find ${CADRE_SHARED_DATA:-/work/shared/data} -path '*coco128*' -name '*.jpg' | head -1 | xargs dirname)
node ./_put.mjs $IMG
echo '{"classes":[{"name":"car","kind":"bbox2d"},{"name":"person","kind":"bbox2d"}]}' > $W/ontology.json
npx cadre project create --name "Streets" --ontology $W/ontology.json
PID=$(npx cadre project list 2>/dev/null | grep Streets | awk '{print $1}')
echo "project $PID"
npx cadre import s3://street-scenes/2026-12/ --project $PID
npx cadre export --project $PID --format jsonl --out s3://exports/streets.jsonl
node -e "
import('@aws-sdk/client-s3').then(async ({ S3Client, GetObjectCommand }) => {
  const c = new S3Client({ endpoint: 'http://127.0.0.1:14569', region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  const o = await c.send(new GetObjectCommand({ Bucket: 'exports', Key: 'streets.jsonl' }));
  console.log('export in the bucket:', (await o.Body.transformToString()).split('\n').filter(Boolean).length, 'lines');
});"
# an item's image through each server, signed in
CK=$W/cookie; curl -fsS -c $CK -H 'content-type: application/json' -H 'origin: http://127.0.0.1:18080' -d '{"email":"admin@base.local","password":"admin-password-1"}' http://127.0.0.1:18080/api/auth/login >/dev/null
ITEM=$(curl -fsS -b $CK "http://127.0.0.1:18081/api/projects/$PID/tasks?limit=1" | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const j=JSON.parse(s);const t=(j.tasks||j.items||j.rows||[])[0];console.log(t.itemId||t.item_id||t.item?.id)})")
echo "item $ITEM: asset via 18081 -> $(curl -s -o $W/a.jpg -w '%{http_code} %{content_type} %{size_download} bytes' -b $CK http://127.0.0.1:18081/api/items/$ITEM/asset)"
# 4. metrics
echo "metrics from loopback: $(curl -s http://127.0.0.1:18080/metrics | grep -c '^cadre_') cadre_ lines"
curl -s http://127.0.0.1:18080/metrics | grep -E '^cadre_tasks\{' | head -3
echo "metrics with the token: $(curl -s -o /dev/null -w '%{http_code}' -H "authorization: Bearer $CADRE_METRICS_TOKEN" http://127.0.0.1:18081/metrics)"
# 5. backup and restore
npx cadre backup --out $W/cadre.sql.gz
CADRE_DATA_DIR=$W/restored DATABASE_URL= npx cadre restore --in $W/cadre.sql.gz
CADRE_DATA_DIR=$W/restored DATABASE_URL= npx cadre project list
rm -f ./_pg.mjs ./_s3.mjs ./_put.mjs
echo WALK DONE
