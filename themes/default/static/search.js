// The search page (search.html): runs the query of `?q=` and the form through Pagefind's API
// (pagefind/pagefind.js, written by `sitrep build`), lists results with highlighted excerpts,
// and offers the index's filters (taxonomies, kind, year) as checkboxes. Strings come from
// the page's data- attributes, in its language.
const app = document.getElementById("search-app");
const form = document.querySelector(".search-form");
const input = document.getElementById("search-q");
const statusLine = document.getElementById("search-status");
const facets = document.getElementById("search-facets");
const list = document.getElementById("search-results");
const MAX_RESULTS = 20;
const json = (text) => {
  try {
    return JSON.parse(text ?? "{}");
  } catch {
    return {};
  }
};
// The index's own names (`Kind`, `Year`, `report`) in the page's language.
const filterNames = json(app.dataset.filterNames);
const kindNames = json(app.dataset.kinds);
// The 5th of each month of 2000 as the site writes dates: a result's date is written alike.
const dateSamples = (app.dataset.dates ?? "").split("|");

function showDate(iso) {
  const [year, month, day] = iso.split("-");
  const sample = dateSamples[Number(month) - 1];
  if (!sample || !day) return iso;
  return sample
    .replace(/\b0?5\b/, (five) => (five.length === 2 ? day : String(Number(day))))
    .replace("2000", year);
}
// Each search has a number; a search whose answer comes after a newer one began is dropped.
let latest = 0;

const fill = (template, values) =>
  template.replace(/\{(\w+)\}/g, (all, name) => (name in values ? values[name] : all));

function chosenFilters() {
  const chosen = {};
  for (const box of facets.querySelectorAll("input:checked")) {
    (chosen[box.name] ??= { any: [] }).any.push(box.value);
  }
  return chosen;
}

function showFacets(filters) {
  let n = 0;
  for (const [name, values] of Object.entries(filters)) {
    const entries = Object.entries(values);
    if (entries.length === 0) continue;
    const set = document.createElement("fieldset");
    const legend = document.createElement("legend");
    legend.textContent = filterNames[name] ?? name;
    set.append(legend);
    for (const [value, count] of entries) {
      const id = `search-facet-${n++}`;
      const box = document.createElement("input");
      Object.assign(box, { type: "checkbox", id, name, value });
      const label = document.createElement("label");
      label.htmlFor = id;
      const shown = name === "Kind" ? kindNames[value] ?? value : value;
      label.textContent = `${shown} (${count})`;
      const row = document.createElement("div");
      row.className = "search-facet";
      row.append(box, label);
      set.append(row);
    }
    facets.append(set);
  }
}

async function showResults(pagefind) {
  const mine = ++latest;
  const query = input.value.trim();
  const filters = chosenFilters();
  const url = new URL(location.href);
  if (query) url.searchParams.set("q", query);
  else url.searchParams.delete("q");
  history.replaceState(null, "", url);
  if (!query && Object.keys(filters).length === 0) {
    statusLine.textContent = "";
    list.replaceChildren();
    return;
  }
  const search = await pagefind.search(query || null, { filters });
  const pages = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
  if (mine !== latest) return;
  const n = search.results.length;
  statusLine.textContent = n === 0
    ? fill(app.dataset.none, { q: query })
    : fill(query ? app.dataset.results : app.dataset.filtered, { q: query, n });
  list.replaceChildren(...pages.map((page) => {
    const item = document.createElement("li");
    const heading = document.createElement("h2");
    const link = document.createElement("a");
    link.href = page.url;
    link.textContent = page.meta.title || page.url;
    heading.append(link);
    item.append(heading);
    if (page.meta.date) {
      const date = document.createElement("time");
      date.dateTime = page.meta.date;
      date.textContent = showDate(page.meta.date);
      item.append(date);
    }
    const excerpt = document.createElement("p");
    excerpt.className = "search-excerpt";
    // Pagefind's excerpt: the page's text with `<` and `>` escaped and the matches in <mark>.
    excerpt.innerHTML = page.excerpt;
    item.append(excerpt);
    return item;
  }));
}

async function start() {
  app.hidden = false;
  statusLine.textContent = app.dataset.loading;
  input.value = new URLSearchParams(location.search).get("q") ?? "";
  let pagefind;
  try {
    pagefind = await import(app.dataset.pagefind);
    await pagefind.options({ excerptLength: 24 });
    await pagefind.init();
    showFacets(await pagefind.filters());
  } catch (error) {
    statusLine.textContent = app.dataset.failed;
    throw error;
  }
  statusLine.textContent = "";
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    showResults(pagefind);
  });
  facets.addEventListener("change", () => showResults(pagefind));
  await showResults(pagefind);
}

start();
