/* Offline drafts for the visit and matter forms (issue 3 §5).
 * Each draft gets an idempotency key when it is started; the server records one visit/matter per key, so a draft
 * sent twice (a flaky connection, a retry after the signal returns) is never recorded twice.
 * While offline the form is kept in localStorage and sent when the browser reports it is online again.
 * Photos are not kept offline (storage quotas on phones): the form says so. */
(function () {
  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "d" + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }
  function fields(form) {
    var data = {};
    new FormData(form).forEach(function (v, k) { if (typeof v === "string" && k !== "csrfmiddlewaretoken") data[k] = v; });
    return data;
  }
  function restore(form, data) {
    Object.keys(data).forEach(function (k) {
      var el = form.elements.namedItem(k);
      if (el && el.type !== "file" && !el.value) el.value = data[k];
    });
  }
  function outboxKey(name) { return "fazhi-outbox-" + name; }
  // Drafts on their way: the browser's own "online" event and a retry can fire together; each draft goes once at a time.
  var sending = {};
  function flush(name, form) {
    var box = JSON.parse(localStorage.getItem(outboxKey(name)) || "[]");
    if (!box.length || !navigator.onLine) return;
    var token = form.querySelector("[name=csrfmiddlewaretoken]").value;
    box.forEach(function (draft) {
      if (sending[draft.idempotency_key]) return;
      sending[draft.idempotency_key] = true;
      var body = new FormData();
      Object.keys(draft).forEach(function (k) { body.append(k, draft[k]); });
      body.append("csrfmiddlewaretoken", token);
      fetch(form.action || window.location.pathname, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (r) {
          if (r.ok || r.redirected) {
            var rest = JSON.parse(localStorage.getItem(outboxKey(name)) || "[]")
              .filter(function (d) { return d.idempotency_key !== draft.idempotency_key; });
            localStorage.setItem(outboxKey(name), JSON.stringify(rest));
            var note = document.getElementById("draft-status");
            if (note) note.textContent = note.dataset.sent;
          }
        })
        .finally(function () { delete sending[draft.idempotency_key]; });
    });
  }
  document.querySelectorAll("form[data-draft]").forEach(function (form) {
    var name = form.dataset.draft, key = "fazhi-draft-" + name;
    var keyField = form.elements.namedItem("idempotency_key");
    var saved = JSON.parse(localStorage.getItem(key) || "null");
    if (saved && !form.querySelector(".is-invalid")) restore(form, saved);
    if (keyField && !keyField.value) keyField.value = (saved && saved.idempotency_key) || uuid();
    form.addEventListener("input", function () { localStorage.setItem(key, JSON.stringify(fields(form))); });
    form.addEventListener("submit", function (e) {
      if (!navigator.onLine) {
        e.preventDefault();
        var box = JSON.parse(localStorage.getItem(outboxKey(name)) || "[]");
        box.push(fields(form));
        localStorage.setItem(outboxKey(name), JSON.stringify(box));
        localStorage.removeItem(key);
        var note = document.getElementById("draft-status");
        if (note) note.textContent = note.dataset.queued;
        form.reset();
        if (keyField) keyField.value = uuid();
        return;
      }
      localStorage.removeItem(key);
    });
    window.addEventListener("online", function () { flush(name, form); });
    flush(name, form);
  });
})();
