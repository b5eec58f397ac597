// newsprism web app: the only script. Polls a job's status on the progress page.
// Everything shown comes from the app's own JSON and is set as text, never as HTML.
"use strict";
(function () {
  const section = document.getElementById("job");
  if (!section) return;
  const id = section.dataset.job;
  const message = document.getElementById("job-message");
  const bar = document.getElementById("job-progress");
  const count = document.getElementById("job-count");
  const result = document.getElementById("job-result");
  const articles = document.getElementById("job-articles");
  const failures = document.getElementById("job-failures");

  function item(list, text, href, extra) {
    const li = document.createElement("li");
    if (href) {
      const a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      li.appendChild(a);
    } else {
      li.textContent = text;
    }
    if (extra) {
      const chip = document.createElement("span");
      chip.className = "chip";
      chip.textContent = extra;
      li.append(" ", chip);
    }
    list.appendChild(li);
  }

  function show(job) {
    section.dataset.state = job.state;
    message.textContent = job.message;
    bar.max = Math.max(job.total, 1);
    bar.value = job.done;
    count.textContent = job.done + " of " + job.total;
    if (job.state === "done" || job.state === "failed") {
      articles.replaceChildren();
      failures.replaceChildren();
      for (const a of job.articles) item(articles, a.title, "/articles/" + encodeURIComponent(a.id), a.outlet);
      for (const f of job.failures) item(failures, f.error);
      result.hidden = false;
      return true;
    }
    return false;
  }

  async function poll() {
    try {
      const response = await fetch("/api/jobs/" + encodeURIComponent(id), { cache: "no-store" });
      if (response.ok && show(await response.json())) return;
    } catch (err) {
      message.textContent = "Lost contact with the server; retrying";
    }
    setTimeout(poll, 400);
  }
  if (section.dataset.state !== "done" && section.dataset.state !== "failed") poll();
})();
