# Summarizes a JFR recording of the apiserver under ./lab bench rest (issue-17-rest.md):
# python3 jfr-summary.py apiserver.jfr  -- samples by thread group, each put in the first category its stack matches.
import re, subprocess, sys, collections
f = sys.argv[1]
out = subprocess.run(['jfr','print','--stack-depth','96','--events','jdk.ExecutionSample',f],capture_output=True,text=True).stdout
samples=[]
for block in out.split('jdk.ExecutionSample {')[1:]:
    m = re.search(r'sampledThread = "([^"]*)"', block)
    t = m.group(1) if m else '?'
    frames = re.findall(r'^\s+([\w$.<>]+)\(', block.split('stackTrace = [',1)[-1], re.M)
    samples.append((t, frames))
CATS = [
 ('TLS', lambda fr: any('io.netty.handler.ssl' in x or 'sun.security.ssl' in x or 'io.netty.internal.tcnative' in x for x in fr)),
 ('decode stored objects', lambda fr: any('WatchCache.decode' in x or 'DecodedObjects' in x for x in fr) and any('Registry.list' in x or 'Registry.find' in x or 'Registry.get' in x or 'Registry.watch' in x for x in fr)),
 ('Table rendering', lambda fr: any('ServerTable' in x or 'KubectlTables' in x for x in fr)),
 ('watch event lines', lambda fr: any('WatchEventLines' in x for x in fr)),
 ('KubeJson encode', lambda fr: any('KubeJson.encode' in x or 'KubeJson.write' in x for x in fr)),
 ('request JSON decode', lambda fr: any('KubeJson.decode' in x or 'RequestBodies' in x or 'KubeJson.read' in x for x in fr)),
 ('managedFields', lambda fr: any('apiserver.ownership' in x for x in fr)),
 ('watch cache / watchers', lambda fr: any('apiserver.watch.' in x for x in fr)),
 ('Registry pipeline', lambda fr: any('apiserver.registry' in x for x in fr)),
 ('SQLite store', lambda fr: any('sqlite' in x.lower() or 'SqliteStorage' in x for x in fr)),
 ('gRPC', lambda fr: any('io.grpc' in x for x in fr)),
 ('Netty HTTP codec', lambda fr: any('io.netty.handler.codec.http' in x for x in fr)),
 ('Netty other', lambda fr: any('io.netty' in x for x in fr)),
 ('class loading / JIT', lambda fr: any('ClassLoader' in x for x in fr)),
]
def cat(fr):
    for n,p in CATS:
        if p(fr): return n
    return 'other'
groups=collections.OrderedDict([('REST (rest-N, nioEventLoopGroup/epoll)',lambda t: t.startswith('rest-') or 'EventLoop' in t or 'epoll' in t.lower() or t.startswith('nioEventLoopGroup')),('gRPC (grpc-*)',lambda t: t.startswith('grpc')),('other threads',lambda t: True)])
print('apiserver samples:', len(samples))
byg=collections.defaultdict(list)
for t,fr in samples:
    for g,p in groups.items():
        if p(t): byg[g].append((t,fr)); break
for g in groups:
    ss=byg[g]; c=collections.Counter(cat(fr) for t,fr in ss)
    print(f'\n{g}: {len(ss)} samples ({100*len(ss)/max(1,len(samples)):.1f}%)')
    for n,k in c.most_common(): print(f'  {k:6d} {100*k/max(1,len(ss)):5.1f}%  {n}')
# top leaf frames in REST 'other'
print('\nREST other: top 15 leaf frames')
c=collections.Counter(fr[0] if fr else '?' for t,fr in byg['REST (rest-N, nioEventLoopGroup/epoll)'] if cat(fr)=='other')
for n,k in c.most_common(15): print(f'  {k:5d} {n}')
print('\nall threads: top 25 first svclab frames')
c=collections.Counter(next((x for x in fr if 'io.svclab' in x), '(none)') for t,fr in samples)
for n,k in c.most_common(25): print(f'  {k:5d} {n}')
print('\nthread names')
c=collections.Counter(re.sub(r'\d+','N',t) for t,fr in samples)
for n,k in c.most_common(15): print(f'  {k:5d} {n}')
