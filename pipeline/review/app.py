"""The review station's web application: a thin Flask layer over pipeline.review.

``create_app(out)`` serves the store ``out/mailroom.sqlite``. Every route but the
log-in page, the language switch and the station's own static files needs a
session; every POST carries a CSRF token (Flask-WTF); every answer carries a
Content-Security-Policy; no error shows a traceback.
"""

from __future__ import annotations

import logging
import secrets
import time
from pathlib import Path
from typing import Any

from flask import (
    Flask,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.sessions import SecureCookieSessionInterface
from flask_babel import Babel, get_locale, get_translations, gettext
from flask_login import (
    LoginManager,
    UserMixin,
    current_user,
    login_required,
    login_user,
    logout_user,
)
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from . import auth, words
from .db import Connections, connect, prepare
from .exporter import Exporter
from .pagewords import PageWords
from .queue import CountsCache
from .said import Said

HERE = Path(__file__).parent
LANGUAGES = ("fr", "en", "pl")
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
log = logging.getLogger("mailroom.review")


class SessionUser(UserMixin):
    def __init__(self, user: auth.User) -> None:
        self.user = user
        self.name = user.name
        self.role = user.role
        self.is_supervisor = user.is_supervisor

    def get_id(self) -> str:
        return self.user.name


class TlsAwareSessions(SecureCookieSessionInterface):
    """The session cookie is Secure whenever the request came over TLS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"] or request.is_secure)


def db() -> Any:
    return current_app.extensions["mailroom_db"].get()


def said() -> Said:
    """What the station says, in this request's language (made once per request)."""
    found = g.get("said")
    if found is None:
        found = g.said = Said(get_translations())
    return found


def pick_language() -> str:
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return str(chosen)
    return request.accept_languages.best_match(LANGUAGES, default="en") or "en"


def create_app(out: Path, inbox: Path | None = None, **config: Any) -> Flask:
    """The station over OUT/mailroom.sqlite; originals are read from ``inbox``
    (by default the inbox that `mailroom process` recorded in the store)."""
    out = Path(out)
    path = out / "mailroom.sqlite"
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist: run mailroom process first")
    prepare(path)
    app = Flask(__name__, template_folder=str(HERE / "templates"),
                static_folder=str(HERE / "static"))
    app.config.update(
        SECRET_KEY=secrets.token_bytes(32),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=False,
        PERMANENT_SESSION_LIFETIME=8 * 3600,
        WTF_CSRF_TIME_LIMIT=8 * 3600,
        MAX_CONTENT_LENGTH=1 << 20,
        BABEL_TRANSLATION_DIRECTORIES=str(HERE / "translations"),
        OUT=out,
        STORE=path,
        PROPAGATE_EXCEPTIONS=False,
        TRAP_HTTP_EXCEPTIONS=False,
    )
    app.config.update(config)
    app.session_interface = TlsAwareSessions()
    connections = Connections(path)
    app.extensions["mailroom_db"] = connections
    app.extensions["mailroom_exporter"] = Exporter(out, path)
    app.extensions["mailroom_counts"] = CountsCache(lambda: connect(path))
    if inbox is None:
        from ..store import Store

        store = Store(path)
        inbox = Path(store.recall("inbox") or out)
        store.close()
    app.config["INBOX"] = Path(inbox)
    app.config["CACHE"] = out / "review-cache"
    app.extensions["mailroom_words"] = PageWords(app.config["CACHE"], app.config["INBOX"])

    CSRFProtect(app)
    Babel(app, locale_selector=pick_language)
    logins = LoginManager(app)
    logins.login_view = "login"
    logins.session_protection = "basic"

    @logins.user_loader
    def load_user(name: str) -> SessionUser | None:
        user = auth.get_user(db(), name)
        return SessionUser(user) if user and user.active else None

    @logins.unauthorized_handler
    def unauthorized() -> Response:
        if request.method == "GET":
            return redirect(url_for("login", next=request.path))
        abort(401)

    _security(app)
    _auth_routes(app)
    from .admin import admin
    from .views import desk

    app.register_blueprint(desk)
    app.register_blueprint(admin, url_prefix="/supervisor")
    app.jinja_env.globals.update(words=words, languages=LANGUAGES, get_locale=get_locale)

    @app.context_processor
    def reader_words() -> dict[str, Any]:
        # the page's words in its language, looked up once per page rather than once
        # per phrase (Flask-Babel's own _ finds the language again for each)
        page_said = said()
        return {"said": page_said, "_": page_said.gettext, "gettext": page_said.gettext,
                "ngettext": page_said.ngettext, "lang": str(get_locale())}
    return app


def error_page(code: int, message: str) -> tuple[str, int]:
    """The error page; a plain one should even that fail (never a traceback)."""
    try:
        return render_template("error.html", code=code, message=message), code
    except Exception:  # noqa: BLE001 - the last resort must not raise
        log.exception("the error page failed")
        return f"<!doctype html><title>{code}</title><p>{code}</p>", code


def _security(app: Flask) -> None:
    @app.after_request
    def headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        if request.endpoint != "static" and "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "no-store"
        return response

    @app.errorhandler(CSRFError)
    def csrf_refused(exc: CSRFError) -> tuple[str, int]:
        return error_page(400, gettext(
            "This form has expired or did not come from the station: reload the page "
            "and try again."))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> tuple[str, int]:
        code = exc.code or 500
        messages = {404: gettext("There is nothing here."),
                    401: gettext("Log in first."),
                    403: gettext("This page is for supervisors."),
                    409: gettext("This letter changed.")}
        return error_page(code, messages.get(code, exc.name))

    @app.errorhandler(Exception)
    def failure(exc: Exception) -> tuple[str, int]:
        # the cause goes to the server's log, never to the browser
        log.exception("review station failure on %s", request.path)
        return error_page(500, gettext(
            "Something went wrong on the station; nothing you saved is lost."))


def _auth_routes(app: Flask) -> None:
    @app.route("/login", methods=["GET", "POST"])
    def login() -> Any:
        if request.method == "GET":
            return render_template("login.html")
        name = request.form.get("name", "").strip()[:64]
        password = request.form.get("password", "")[:1024]
        wait = auth.wait_before_next_try(db(), name)
        if wait > 0:
            flash(gettext("Too many failed log-ins: wait %(seconds)d seconds and try again.",
                          seconds=int(wait) + 1), "error")
            return render_template("login.html", name=name), 429
        user = auth.check_password(db(), name, password)
        if user is None:
            time.sleep(0.3)  # every failure costs a little, on top of the growing wait
            flash(gettext("Wrong name or password."), "error")
            return render_template("login.html", name=name), 401
        lang = session.get("lang")
        session.clear()
        if lang:
            session["lang"] = lang
        login_user(SessionUser(user))
        target = request.args.get("next", "")
        # only a path of this site, never another site (//host or a scheme)
        if not target.startswith("/") or target.startswith("//") or "\\" in target:
            target = url_for("desk.queue")
        return redirect(target)

    @app.post("/logout")
    @login_required
    def logout() -> Any:
        logout_user()
        session.clear()
        return redirect(url_for("login"))

    @app.post("/language")
    def language() -> Any:
        lang = request.form.get("lang", "")
        if lang in LANGUAGES:
            session["lang"] = lang
        back = request.form.get("back", "")
        if not back.startswith("/") or back.startswith("//") or "\\" in back:
            back = url_for("login")
        return redirect(back)

    @app.before_request
    def remember_user() -> None:
        g.user = current_user
