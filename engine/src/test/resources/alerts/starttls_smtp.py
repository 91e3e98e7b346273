"""A real SMTP server for the STARTTLS test: aiosmtpd (Debian python3-aiosmtpd) that requires STARTTLS
before MAIL and AUTH, accepts user 'alerts' with password 'pw', prints each message as one JSON line and
stops when stdin closes. Usage: starttls_smtp.py PORT CERT KEY"""
import json
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    async def handle_DATA(self, server, session, envelope):
        print(json.dumps({"from": envelope.mail_from, "to": envelope.rcpt_tos,
                          "tls": session.ssl is not None, "user": getattr(session, "login_data", None) and "alerts",
                          "data": envelope.content.decode("utf-8", "replace")}), flush=True)
        return "250 OK"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"alerts" and auth_data.password == b"pw"
    return AuthResult(success=ok)


def main():
    port, cert, key = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    controller = Controller(Handler(), hostname="127.0.0.1", port=port, tls_context=ctx, require_starttls=True,
                            authenticator=authenticator, auth_required=True, auth_require_tls=True)
    controller.start()
    print("READY", flush=True)
    sys.stdin.read()
    controller.stop()


if __name__ == "__main__":
    main()
