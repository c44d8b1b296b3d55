// The unit picker: a text field searched on the server (works without JavaScript); while typing,
// the names of matching units are fetched from its data-suggest URL into the field's <datalist>.
(function () {
  document.querySelectorAll("input[data-suggest]").forEach((input) => {
    const list = document.getElementById(input.getAttribute("list"));
    if (!list) return;
    let timer = null, asked = "";
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const q = input.value.trim();
        if (q === asked) return;
        asked = q;
        const response = await fetch(`${input.dataset.suggest}?q=${encodeURIComponent(q)}`, {credentials: "same-origin"});
        if (!response.ok || q !== input.value.trim()) return;
        const {units} = await response.json();
        list.replaceChildren(...units.map((u) => Object.assign(document.createElement("option"), {value: u.name})));
      }, 200);
    });
  });
})();
