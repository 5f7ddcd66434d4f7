import json, sys, subprocess, collections, re, os
f, ev = sys.argv[1], sys.argv[2]
data = json.loads(subprocess.run(['jfr', 'print', '--json', '--stack-depth', '64', '--events', ev, f], capture_output=True, text=True).stdout)
lo, hi = os.environ.get('FROM'), os.environ.get('TO')
tot = collections.Counter(); cnt = collections.Counter()
def dur(d):
    # ISO-8601 duration like PT0.0123S
    m = re.match(r'PT(?:(\d+)M)?([\d.]+)S', d); return (int(m.group(1) or 0)*60 + float(m.group(2))) if m else 0
for e in data['recording']['events']:
    v = e['values']; t = v['startTime'][11:19]
    if (lo and t < lo) or (hi and t >= hi): continue
    th = re.sub(r'[-#]?\d+$', '', (v.get('eventThread') or {}).get('javaName') or '?')
    frames = (v.get('stackTrace') or {}).get('frames') or []
    where = next((fr['method']['type']['name'] + '.' + fr['method']['name'] + ':' + str(fr.get('lineNumber')) for fr in frames if fr['method']['type']['name'].replace('/','.').startswith('io.svclab') and 'Lambda' not in fr['method']['type']['name']), '-')
    key = th + '  @ ' + where
    tot[key] += dur(v['duration']); cnt[key] += 1
for k, s in tot.most_common(20): print(f'{s:8.2f}s {cnt[k]:6d}  {k}')
