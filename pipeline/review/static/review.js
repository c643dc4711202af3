// Keyboard first: j/k next and previous, Enter open or save, a/r/s accept, reject,
// set aside, c/x confirm or dismiss the focused flag, d download the reply, ? help.
// Plain script, no build step; the page works without it, only slower.
"use strict";
(function () {
  const page = document.body.dataset.page;
  const typing = (el) => el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" ||
    el.tagName === "SELECT" || el.isContentEditable);

  function go(id) {
    const a = document.getElementById(id);
    if (a) { window.location.assign(a.href); }
  }

  function queueKeys(ev) {
    const rows = Array.from(document.querySelectorAll("#queue tr.row"));
    if (!rows.length) { return false; }
    let i = rows.findIndex((r) => r.classList.contains("current"));
    if (ev.key === "j" || ev.key === "k") {
      rows[i].classList.remove("current");
      i = Math.max(0, Math.min(rows.length - 1, i + (ev.key === "j" ? 1 : -1)));
      rows[i].classList.add("current");
      rows[i].scrollIntoView({block: "nearest"});
      return true;
    }
    if (ev.key === "Enter" && !(document.activeElement && document.activeElement.closest("form"))) {
      window.location.assign(rows[Math.max(0, i)].dataset.href);
      return true;
    }
    return false;
  }

  function letterKeys(ev) {
    const form = document.getElementById("letter-form");
    const press = (value) => {
      const b = form && form.querySelector(`button[value="${value}"]`);
      if (b && !b.disabled) { b.click(); }
    };
    switch (ev.key) {
      case "j": go("next"); return true;
      case "k": go("prev"); return true;
      case "a": press("accept"); return true;
      case "r": press("reject"); return true;
      case "s": press("set_aside"); return true;
      case "c":
      case "x": {
        const box = document.activeElement && document.activeElement.closest(".flagbox");
        if (!box) { return false; }
        const want = ev.key === "c" ? "confirmed" : "dismissed";
        const radio = box.querySelector(`input[value="${want}"]`);
        if (radio) { radio.checked = true; radio.focus(); box.className = `flagbox ${want}`; }
        return true;
      }
      default: return false;
    }
  }

  function replyKeys(ev) {
    if (ev.key === "j") { go("next"); return true; }
    if (ev.key === "d" || ev.key === "Enter") {
      document.getElementById("download").click();
      return true;
    }
    return false;
  }

  document.addEventListener("keydown", (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    const el = document.activeElement;
    if (ev.key === "Escape") {
      if (typing(el)) { el.blur(); }
      document.getElementById("help").hidden = true;
      return;
    }
    // Enter on a choice saves, as it does in a text field
    if (ev.key === "Enter" && el && el.tagName === "SELECT" && el.form &&
        el.form.id === "letter-form") {
      ev.preventDefault();
      el.form.querySelector('button[value="save"]').click();
      return;
    }
    // a radio of a flag is not typing: c/x and the decision keys work there
    if (typing(el) && !(el.type === "radio")) { return; }
    if (ev.key === "?") {
      const help = document.getElementById("help");
      help.hidden = !help.hidden;
      ev.preventDefault();
      return;
    }
    let done = false;
    if (page === "queue") { done = queueKeys(ev); }
    else if (page === "letter") { done = letterKeys(ev); }
    else if (page === "reply") { done = replyKeys(ev); }
    if (done) { ev.preventDefault(); }
  });

  // a box on the page brings its field; a field shows its box
  document.querySelectorAll("rect.box").forEach((rect) => {
    rect.addEventListener("click", () => {
      const input = document.getElementById(`f_${rect.dataset.field}`);
      if (input) { input.focus(); }
    });
  });
  let lastInput = null;
  let fresh = true; // the first word clicked replaces the value, the next ones add to it
  document.querySelectorAll(".field input, .field select").forEach((input) => {
    input.addEventListener("focus", () => {
      if (input.tagName === "INPUT") { lastInput = input; fresh = true; }
      const name = input.id.slice(2);
      document.querySelectorAll("rect.box").forEach((r) => {
        r.classList.toggle("active", r.dataset.field === name);
      });
    });
  });

  // the words of each page, clickable: a click types the word into the last field
  document.querySelectorAll(".sheet").forEach((sheet) => {
    const url = sheet.dataset.words;
    if (!url) { return; }
    fetch(url, {credentials: "same-origin"}).then((r) => r.ok ? r.json() : []).then((words) => {
      const svg = sheet.querySelector("svg");
      const ns = "http://www.w3.org/2000/svg";
      words.forEach((w) => {
        const rect = document.createElementNS(ns, "rect");
        rect.setAttribute("class", "word");
        rect.setAttribute("x", w.x0); rect.setAttribute("y", w.y0);
        rect.setAttribute("width", Math.max(w.x1 - w.x0, 0.002));
        rect.setAttribute("height", Math.max(w.y1 - w.y0, 0.002));
        rect.dataset.text = w.text;
        const title = document.createElementNS(ns, "title");
        title.textContent = w.text; // text, never markup: the words come from a scan
        rect.appendChild(title);
        rect.addEventListener("click", () => {
          if (!lastInput) { return; }
          const value = fresh ? w.text : `${lastInput.value} ${w.text}`;
          lastInput.focus();
          lastInput.value = value;
          fresh = false;
        });
        svg.insertBefore(rect, svg.firstChild);
      });
    }).catch(() => {});
  });
})();
