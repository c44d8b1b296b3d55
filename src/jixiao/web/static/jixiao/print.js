// 打印 buttons (data-print): the page's print layout. A static file, so the Content-Security-Policy
// needs no inline script.
document.addEventListener("click", (e) => {
  if (e.target.closest("[data-print]")) window.print();
});
