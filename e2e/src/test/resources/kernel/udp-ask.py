# One UDP datagram to argv[1]:argv[2]; prints the answer (exit 1 when none comes within 3 s).
import socket
import sys

s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(3)
s.sendto(b"who", (sys.argv[1], int(sys.argv[2])))
print(s.recv(2048).decode(), end="")
