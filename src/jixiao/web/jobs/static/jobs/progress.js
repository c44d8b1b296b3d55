// A job's page: poll its state and move the progress bar; reload once it has finished, so the page
// shows the download button or the error. A static file: the Content-Security-Policy allows no inline script.
(() => {
  const box = document.getElementById("job");
  if (!box || box.dataset.finished === "1") return;
  const bar = document.getElementById("job-progress");
  const status = document.getElementById("job-status");
  const count = document.getElementById("job-count");
  const poll = async () => {
    let state;
    try {
      const response = await fetch(box.dataset.stateUrl, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(String(response.status));
      state = await response.json();
    } catch (e) {
      setTimeout(poll, 5000);
      return;
    }
    status.textContent = state.label;
    if (state.total) count.textContent = `已完成 ${state.done} / ${state.total} ${state.measure}`;
    if (state.percent !== null) bar.value = state.percent;
    if (state.finished) {
      window.location.reload();
      return;
    }
    setTimeout(poll, 1000);
  };
  setTimeout(poll, 1000);
})();
