import sys,re,collections
# parse `jfr print --events jdk.ExecutionSample --stack-depth N` output
top=collections.Counter(); incl=collections.Counter(); n=0
stack=[]; instack=False
def flush():
    global n
    if not stack: return
    n+=1
    top[stack[0]]+=1
    seen=set()
    for f in stack:
        if f not in seen: incl[f]+=1; seen.add(f)
for line in open(sys.argv[1]):
    s=line.strip()
    if s.startswith('jdk.ExecutionSample'):
        flush(); stack=[]; instack=False
    elif s.startswith('stackTrace = ['):
        instack=True
    elif instack:
        if s.startswith(']') or s=='...': instack=False if s.startswith(']') else True; continue
        m=re.match(r'(.*?)\(',s)
        if m: stack.append(m.group(1))
flush()
print("samples",n)
print("--- top self"); [print(c, f) for f,c in top.most_common(int(sys.argv[2]) if len(sys.argv)>2 else 25)]
print("--- inclusive"); [print(c, f) for f,c in incl.most_common(int(sys.argv[3]) if len(sys.argv)>3 else 60)]
