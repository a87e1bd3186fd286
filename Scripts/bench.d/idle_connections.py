"""Opens N keep-alive connections, sends one request on each, reads the answer, then holds them idle.
Writes the number held into READY_FILE and sleeps until killed."""
import socket, sys, time

host, port, count, ready = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
request = f"GET /healthz HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
held = []
for i in range(count):
    try:
        s = socket.create_connection((host, port), timeout=5)
        s.sendall(request)
        data = b""
        while b"\r\n\r\n" not in data or not data.rstrip().endswith(b"}"):
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
        if data.startswith(b"HTTP/1.1 200"):
            held.append(s)
        else:
            s.close()
    except OSError as e:
        print(f"connection {i}: {e}", file=sys.stderr)
        break
open(ready, "w").write(str(len(held)))
while True:
    time.sleep(60)
