# N sequential HTTP/1.1 requests with Connection: close, each on a new connection; reads to EOF.
import socket, sys
host, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ok = 0
for i in range(n):
    s = socket.create_connection((host, port))
    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    data = b""
    while True:
        b = s.recv(65536)
        if not b: break
        data += b
    s.close()
    if b" 200 " in data.split(b"\r\n")[0] + b" ": ok += 1
print(ok)
