// Edit page: add, delete and reorder indicator rows; the ORDER fields follow the visual order.
(function () {
  const body = document.querySelector("#indicator-rows tbody");
  const total = document.querySelector("#id_ind-TOTAL_FORMS");
  if (!body || !total) return;

  function renumber() {
    body.querySelectorAll("tr.edit-row").forEach((row, i) => {
      const order = row.querySelector("input[name$='-ORDER']");
      if (order) order.value = i + 1;
    });
  }

  document.getElementById("add-row").addEventListener("click", () => {
    const n = parseInt(total.value, 10);
    const html = document.getElementById("empty-row").innerHTML.replace(/__prefix__/g, String(n));
    body.insertAdjacentHTML("beforeend", html);
    total.value = n + 1;
    const row = body.lastElementChild;
    if (window.htmx) htmx.process(row);
    renumber();
    row.querySelector("input[name$='-name']").focus();
  });

  body.addEventListener("click", (e) => {
    const button = e.target.closest("button.move-up, button.move-down");
    if (!button) return;
    const row = button.closest("tr");
    if (button.classList.contains("move-up") && row.previousElementSibling) {
      body.insertBefore(row, row.previousElementSibling);
    } else if (button.classList.contains("move-down") && row.nextElementSibling) {
      body.insertBefore(row.nextElementSibling, row);
    }
    renumber();
    button.focus();
  });

  body.addEventListener("change", (e) => {
    if (e.target.matches("input[name$='-DELETE']")) {
      e.target.closest("tr").classList.toggle("deleted", e.target.checked);
    }
    if (e.target.matches("select[name$='-category']") && window.htmx) {
      // A new category may change how a target reads (e.g. 成本 → lower is better).
      e.target.closest("tr").querySelectorAll("input.target-input").forEach((i) => htmx.trigger(i, "recheck"));
    }
  });
  // Controls are aria-labelled "<indicator> <field>"; follow the indicator's name as it is typed.
  body.addEventListener("input", (e) => {
    if (!e.target.matches("input[name$='-name']")) return;
    // The strict checks read the name too (a 率 must be a percentage).
    if (window.htmx) e.target.closest("tr").querySelectorAll("input.target-input").forEach((i) => htmx.trigger(i, "recheck"));
    const subject = e.target.value.trim() || "新指标";
    e.target.closest("tr").querySelectorAll("[aria-label]").forEach((el) => {
      const label = el.getAttribute("aria-label");
      el.setAttribute("aria-label", subject + " " + label.slice(label.lastIndexOf(" ") + 1));
    });
  });
  renumber();
})();
