# A pod's server for KernelProxyAcceptanceTest: HTTP on :8080 and UDP echo on :5353 of one
# address, both answering "<name> <the client address it sees>".
import http.server
import socket
import sys
import threading

name, ip = sys.argv[1], sys.argv[2]


class Who(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = f"{name} {self.client_address[0]}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def udp_echo():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((ip, 5353))
    while True:
        _, addr = s.recvfrom(2048)
        s.sendto(f"{name} {addr[0]}".encode(), addr)


threading.Thread(target=udp_echo, daemon=True).start()
http.server.ThreadingHTTPServer((ip, 8080), Who).serve_forever()
