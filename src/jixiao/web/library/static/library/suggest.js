// Edit page: typing an indicator name offers 指标库 entries; choosing one fills the row and keeps the
// entry's code and version. "添加" on a similar project's indicator adds a row the same way.
(function () {
  const body = document.querySelector("#indicator-rows tbody");
  if (!body) return;
  const timers = new WeakMap();

  function fill(row, item) {
    const name = row.querySelector("input[name$='-name']");
    name.value = item.dataset.name;
    name.dispatchEvent(new Event("input", { bubbles: true }));
    row.querySelector("input[name$='-entry_code']").value = item.dataset.code || "";
    row.querySelector("input[name$='-entry_version']").value = item.dataset.version || "";
    row.dataset.entryName = item.dataset.name;
    const category = row.querySelector("select[name$='-category']");
    if (category && item.dataset.category) {
      category.value = item.dataset.category;
      category.dispatchEvent(new Event("change", { bubbles: true }));
    }
    row.querySelectorAll("input.target-input").forEach((input) => {
      if (!input.value && item.dataset.target) {
        input.value = item.dataset.target;
        if (window.htmx) htmx.trigger(input, "recheck");
      }
    });
    const box = row.querySelector(".library-suggestions");
    if (box) box.innerHTML = "";
  }

  function suggest(input) {
    const row = input.closest("tr");
    const box = row.querySelector(".library-suggestions");
    const query = input.value.trim();
    if (row.dataset.entryName && row.dataset.entryName !== query) {
      // Renamed after choosing: the row no longer is the entry as the library holds it.
      row.querySelector("input[name$='-entry_code']").value = "";
      row.querySelector("input[name$='-entry_version']").value = "";
      delete row.dataset.entryName;
    }
    if (query.length < 2 || row.dataset.entryName === query) {
      box.innerHTML = "";
      return;
    }
    const category = row.querySelector("select[name$='-category']");
    const params = new URLSearchParams({ q: query, target: row.id, category: category ? category.value : "" });
    fetch("/library/suggest/?" + params, { headers: { "X-Requested-With": "fetch" } })
      .then((r) => (r.ok ? r.text() : ""))
      .then((html) => {
        if (input.value.trim() === query) box.innerHTML = html;
      });
  }

  body.addEventListener("input", (e) => {
    if (!e.target.matches("input[name$='-name']")) return;
    clearTimeout(timers.get(e.target));
    timers.set(e.target, setTimeout(() => suggest(e.target), 300));
  });

  document.addEventListener("click", (e) => {
    const use = e.target.closest("button.use-entry");
    if (use) {
      fill(document.getElementById(use.dataset.row), use.closest("li"));
      return;
    }
    const add = e.target.closest("button.add-suggested");
    if (add) {
      document.getElementById("add-row").click();
      fill(body.lastElementChild, add.closest("li"));
      add.replaceWith(Object.assign(document.createElement("span"), { className: "muted small", textContent: "已添加" }));
    }
  });
})();
