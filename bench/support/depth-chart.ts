// Hand-written SVG line chart for bench/runtime.ts: ns per send (log y) against
// delegation depth (log x; depth 0 is drawn one decade left of depth 1, after an
// axis break, since log 0 does not exist).

export interface ChartSeries {
  label: string;
  color: string;
  marker: "circle" | "square" | "triangle";
  /** depth -> ns per send; missing or null depths are not drawn */
  points: Array<{ depth: number; ns: number | null }>;
  dashed?: boolean;
}

export interface ChartOptions {
  title: string;
  subtitle?: string;
  /** a horizontal reference line, e.g. the SPEC bound */
  reference?: { ns: number; label: string };
  width?: number;
  height?: number;
}

const FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function fmtNs(v: number): string {
  if (v >= 1e6) return `${+(v / 1e6).toPrecision(3)}M`;
  if (v >= 1e3) return `${+(v / 1e3).toPrecision(3)}k`;
  return `${+v.toPrecision(3)}`;
}

function fmtTick(v: number): string {
  if (v >= 1e6) return `${v / 1e6}M`;
  if (v >= 1e3) return `${v / 1e3}k`;
  return String(v);
}

export function renderDepthChart(series: ChartSeries[], opts: ChartOptions): string {
  const W = opts.width ?? 880;
  const H = opts.height ?? 540;
  const m = { left: 86, right: 96, top: 74, bottom: 66 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;

  const depths = [...new Set(series.flatMap((s) => s.points.map((p) => p.depth)))].sort((a, b) => a - b);
  const maxDepth = Math.max(1, ...depths);
  const xDecadeMin = -1; // where depth 0 sits
  const xDecadeMax = Math.ceil(Math.log10(maxDepth));
  const xd = (d: number) => (d <= 0 ? xDecadeMin : Math.log10(d));
  const x = (d: number) => m.left + ((xd(d) - xDecadeMin) / (xDecadeMax - xDecadeMin)) * pw;

  const values = series.flatMap((s) => s.points.map((p) => p.ns)).filter((v): v is number => v != null && v > 0);
  if (opts.reference) values.push(opts.reference.ns);
  const yLo = Math.floor(Math.log10(Math.min(...values)));
  const yHi = Math.ceil(Math.log10(Math.max(...values)));
  const y = (v: number) => m.top + ph - ((Math.log10(v) - yLo) / Math.max(1, yHi - yLo)) * ph;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT}">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${m.left}" y="30" font-size="19" font-weight="bold" fill="#111">${esc(opts.title)}</text>`,
  );
  if (opts.subtitle) out.push(`<text x="${m.left}" y="52" font-size="12.5" fill="#555">${esc(opts.subtitle)}</text>`);

  // y grid and ticks: 1, 2, 5 per decade, labels on 1 and (when roomy) 2, 5
  const roomy = yHi - yLo <= 3;
  for (let k = yLo; k <= yHi; k++) {
    for (const f of [1, 2, 5]) {
      const v = f * 10 ** k;
      if (Math.log10(v) > yHi + 1e-9) continue;
      const yy = y(v).toFixed(1);
      const major = f === 1;
      out.push(`<line x1="${m.left}" x2="${m.left + pw}" y1="${yy}" y2="${yy}" stroke="${major ? "#d0d0d0" : "#ececec"}" stroke-width="1"/>`);
      if (major || roomy) {
        out.push(`<text x="${m.left - 8}" y="${yy}" dy="4" text-anchor="end" font-size="${major ? 13 : 11}" fill="${major ? "#333" : "#777"}">${fmtTick(v)}</text>`);
      }
    }
  }
  // x grid and ticks at the measured depths
  for (const d of depths) {
    const xx = x(d).toFixed(1);
    out.push(`<line x1="${xx}" x2="${xx}" y1="${m.top}" y2="${m.top + ph}" stroke="#e4e4e4" stroke-width="1"/>`);
    out.push(`<text x="${xx}" y="${m.top + ph + 20}" text-anchor="middle" font-size="13" fill="#333">${d.toLocaleString("en-US")}</text>`);
  }
  // axes
  out.push(
    `<line x1="${m.left}" x2="${m.left + pw}" y1="${m.top + ph}" y2="${m.top + ph}" stroke="#333" stroke-width="1.2"/>`,
    `<line x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${m.top + ph}" stroke="#333" stroke-width="1.2"/>`,
  );
  // axis break between depth 0 and depth 1
  if (depths[0] === 0 && depths.includes(1)) {
    const bx = (x(0) + x(1)) / 2;
    const by = m.top + ph;
    out.push(
      `<rect x="${bx - 5}" y="${by - 6}" width="10" height="12" fill="#fff"/>`,
      `<line x1="${bx - 7}" y1="${by + 6}" x2="${bx - 1}" y2="${by - 6}" stroke="#333" stroke-width="1.2"/>`,
      `<line x1="${bx + 1}" y1="${by + 6}" x2="${bx + 7}" y2="${by - 6}" stroke="#333" stroke-width="1.2"/>`,
    );
  }
  out.push(
    `<text x="${m.left + pw / 2}" y="${H - 18}" text-anchor="middle" font-size="14" fill="#111">delegation depth (nested yield from / yield*, log scale)</text>`,
    `<text transform="translate(22 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle" font-size="14" fill="#111">ns per send (median, log scale)</text>`,
  );

  if (opts.reference) {
    const ry = y(opts.reference.ns).toFixed(1);
    out.push(
      `<line x1="${m.left}" x2="${m.left + pw}" y1="${ry}" y2="${ry}" stroke="#888" stroke-width="1.4" stroke-dasharray="6 5"/>`,
      `<text x="${m.left + pw - 4}" y="${ry}" dy="-6" text-anchor="end" font-size="12" fill="#666">${esc(opts.reference.label)}</text>`,
    );
  }

  const marker = (s: ChartSeries, cx: number, cy: number): string => {
    const c = s.color;
    if (s.marker === "square") return `<rect x="${(cx - 4.5).toFixed(1)}" y="${(cy - 4.5).toFixed(1)}" width="9" height="9" fill="${c}"/>`;
    if (s.marker === "triangle") {
      return `<path d="M${cx.toFixed(1)} ${(cy - 6).toFixed(1)} L${(cx + 5.5).toFixed(1)} ${(cy + 4).toFixed(1)} L${(cx - 5.5).toFixed(1)} ${(cy + 4).toFixed(1)} Z" fill="${c}"/>`;
    }
    return `<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="5" fill="${c}"/>`;
  };

  const endLabels: Array<{ x: number; y: number; text: string; color: string }> = [];
  for (const s of series) {
    const pts = s.points.filter((p): p is { depth: number; ns: number } => p.ns != null && p.ns > 0);
    if (pts.length === 0) continue;
    const d = pts.map((p, i) => `${i ? "L" : "M"}${x(p.depth).toFixed(1)} ${y(p.ns).toFixed(1)}`).join(" ");
    out.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2.5"${s.dashed ? ' stroke-dasharray="8 5"' : ""}/>`);
    for (const p of pts) out.push(marker(s, x(p.depth), y(p.ns)));
    const last = pts[pts.length - 1]!;
    endLabels.push({ x: x(last.depth) + 10, y: y(last.ns), text: `${fmtNs(last.ns)} ns`, color: s.color });
  }
  // value labels on the last points, right of the plot, pushed apart to not overlap
  endLabels.sort((a, b) => a.y - b.y);
  for (let i = 1; i < endLabels.length; i++) {
    if (endLabels[i]!.y - endLabels[i - 1]!.y < 15) endLabels[i]!.y = endLabels[i - 1]!.y + 15;
  }
  for (const l of endLabels) {
    out.push(`<text x="${l.x.toFixed(1)}" y="${l.y.toFixed(1)}" dy="4" font-size="12.5" fill="${l.color}" font-weight="bold">${esc(l.text)}</text>`);
  }

  // legend, a boxed key in the plot's upper left corner (where the lines are low)
  const rows = series.map((s) => s.label.split("\n"));
  const longest = Math.max(...rows.flat().map((t) => t.length));
  const boxW = Math.min(pw - 20, 46 + longest * 7.4);
  const boxH = 12 + rows.reduce((h, r) => h + 15 * r.length + 10, 0);
  const bx = m.left + 14;
  const by = m.top + 12;
  out.push(`<rect x="${bx}" y="${by}" width="${boxW.toFixed(0)}" height="${boxH}" rx="4" fill="#ffffff" fill-opacity="0.94" stroke="#bbb"/>`);
  let ly = by + 22;
  series.forEach((s, k) => {
    const lines = rows[k]!;
    const lx = bx + 12;
    out.push(`<line x1="${lx}" x2="${lx + 24}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2.5"${s.dashed ? ' stroke-dasharray="8 5"' : ""}/>`);
    out.push(marker(s, lx + 12, ly - 4));
    lines.forEach((t, i) => {
      out.push(`<text x="${lx + 34}" y="${ly + i * 15}" font-size="${i ? 11.5 : 13}" fill="${i ? "#555" : "#111"}">${esc(t)}</text>`);
    });
    ly += 15 * lines.length + 10;
  });
  out.push("</svg>");
  return out.join("\n") + "\n";
}
