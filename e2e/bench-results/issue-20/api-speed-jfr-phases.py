import json, sys, subprocess, collections, re, os
f = sys.argv[1]; ev = sys.argv[2] if len(sys.argv) > 2 else 'jdk.ExecutionSample'
data = json.loads(subprocess.run(['jfr', 'print', '--json', '--stack-depth', '96', '--events', ev, f], capture_output=True, text=True).stdout)
lo, hi = os.environ.get('FROM'), os.environ.get('TO')
CATS = [  # first match, scanning the stack from the top frame down
 ('sqlite (native step/commit, fsync)', r'org\.sqlite'),
 ('watch: serialize event per watcher', r'ResourceKind\.newWatchEvent|SerializedMessage|ResourceServiceBinding\$1\.send|AbstractMessage\.toByteArray|CodedOutputStream|Utf8'),
 ('watch cache: decode change', r'WatchCache\.(append|decode|onStorageEvent)'),
 ('watch: drain/filter', r'watch\.Watcher|WatchFilter'),
 ('logging', r'ch\.qos\.logback|org\.slf4j'),
 ('validation', r'apiserver\.validation'),
 ('managedFields', r'apiserver\.ownership'),
 ('defaults/prepare', r'apiserver\.(defaults|strategy)'),
 ('allocation', r'apiserver\.allocation'),
 ('protobuf reflection/copies (withMeta, withTypeMeta, toBuilder)', r'ResourceKind\.(withMeta|withTypeMeta|meta)|GeneratedMessageV3\$FieldAccessorTable|toBuilder|mergeFrom'),
 ('gRPC request decode', r'ProtoLiteUtils\$MessageMarshaller\.parse|parseFrom'),
 ('registry other', r'apiserver\.registry'),
 ('netty/grpc transport', r'io\.grpc|io\.netty'),
]
c = collections.Counter(); n = 0
for e in data['recording']['events']:
    v = e['values']; t = v['startTime'][11:19]
    if (lo and t < lo) or (hi and t >= hi): continue
    frames = (v.get('stackTrace') or {}).get('frames') or []
    names = [fr['method']['type']['name'].replace('/', '.') + '.' + fr['method']['name'] for fr in frames]
    n += 1
    for cat, rx in CATS:
        if any(re.search(rx, x) for x in names): c[cat] += 1; break
    else: c['other (JDK, GC-free runtime)'] += 1
print(f'{n} samples')
for k, v in c.most_common(): print(f'{v:6d} {100*v/max(n,1):5.1f}%  {k}')
