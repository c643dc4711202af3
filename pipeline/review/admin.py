"""The supervisor's pages: who decided what, reassigning letters, managing users.

A clerk asking for any of them gets 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required

from . import auth, decisions, queue
from .app import db
from .letter import load

admin = Blueprint("admin", __name__)


def supervisor_only(view: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(view)
    @login_required
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_supervisor:
            abort(403)
        return view(*args, **kwargs)
    return wrapper


@admin.get("/decisions")
@supervisor_only
def decisions_log() -> Any:
    who = request.args.get("who", "")[:64]
    rows = db().execute(
        "SELECT d.*, doc.record_key FROM decisions d LEFT JOIN documents doc ON "
        "doc.sha256 = d.sha256 AND doc.source_file = d.source_file "
        "WHERE (:who = '' OR d.who = :who) ORDER BY d.id DESC LIMIT 500", {"who": who}
    ).fetchall()
    return render_template("decisions.html", rows=rows, who=who,
                           users=auth.list_users(db()))


@admin.post("/assign/<key>")
@supervisor_only
def assign(key: str) -> Any:
    letter = load(db(), key)
    if letter is None:
        abort(404)
    name = request.form.get("user", "")
    user = auth.get_user(db(), name)
    if user is None or not user.active:
        flash(gettext("There is no active user named %(name)s.", name=name), "error")
    else:
        queue.claim(db(), key, name, force=True)
        decisions.save(db(), letter.sha256, letter.source_file, current_user.name,
                       letter.version, [decisions.Change("assign", "claim", name)])
        flash(gettext("%(file)s is now %(name)s's.", file=letter.source_file, name=name),
              "info")
    return redirect(url_for("desk.letter_page", key=key))


@admin.route("/users", methods=["GET", "POST"])
@supervisor_only
def users() -> Any:
    if request.method == "POST":
        name = request.form.get("name", "").strip()
        try:
            if request.form.get("action") == "add":
                auth.add_user(db(), name, request.form.get("password", ""),
                              request.form.get("role", ""))
            else:
                if name == current_user.name:
                    raise auth.AuthError(gettext("You cannot change your own account here."))
                role = request.form.get("role") or None
                active = {"1": True, "0": False}.get(request.form.get("active", ""))
                password = request.form.get("password") or None
                auth.change_user(db(), name, role=role, active=active, password=password)
            flash(gettext("Saved."), "info")
        except auth.AuthError as exc:
            flash(str(exc), "error")
        return redirect(url_for("admin.users"))
    return render_template("users.html", users=auth.list_users(db()), roles=auth.ROLES)
