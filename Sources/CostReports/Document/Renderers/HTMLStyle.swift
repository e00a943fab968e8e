/// The report's inline stylesheet: system fonts only (nothing to load), figures in a row of
/// cards, zebra tables, and print rules (A4, no breaks inside a table, chart or figure row, headings
/// kept with what follows).
enum HTMLStyle {
    static let css = """
        :root { --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0; --band: #f6f8fa; --up: #b3261e; --down: #1a7f37;
                --now: #0969da; --before: #8c959f; --total: #57606a; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 960px; padding: 24px; color: var(--ink); background: #fff;
               font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
        h1 { font-size: 24px; margin: 0 0 8px; }
        h2 { font-size: 18px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
        ul.facts { list-style: none; padding: 0; margin: 0; color: var(--muted); }
        .figures { display: flex; flex-wrap: wrap; gap: 10px; margin: 10px 0; }
        .figure { flex: 1 1 150px; border: 1px solid var(--rule); border-radius: 6px; padding: 8px 10px; }
        .figure .label { color: var(--muted); font-size: 12px; }
        .figure .value { font-size: 18px; font-weight: 600; font-variant-numeric: tabular-nums; }
        .figure .detail { color: var(--muted); font-size: 12px; }
        table { border-collapse: collapse; width: 100%; margin: 10px 0; font-variant-numeric: tabular-nums; }
        caption { text-align: left; font-weight: 600; padding: 4px 0; }
        th, td { padding: 3px 8px; border-bottom: 1px solid var(--rule); vertical-align: top; }
        th { background: var(--band); font-weight: 600; }
        td.l, th.l { text-align: left; overflow-wrap: break-word; }
        td.r, th.r, td.nw { text-align: right; white-space: nowrap; }
        td.nw { text-align: left; }
        tbody tr:nth-child(even) { background: #fbfcfd; }
        tr.total td { font-weight: 600; border-top: 2px solid var(--ink); }
        figure.chart { margin: 12px 0; }
        figure.chart svg { width: 100%; height: auto; display: block; }
        figcaption { color: var(--muted); font-size: 12px; }
        svg text { font: 11px system-ui, "DejaVu Sans", sans-serif; fill: var(--muted); }
        p.note { color: var(--muted); font-size: 12px; }
        @page { size: A4; margin: 14mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10pt; }
          h2 { break-after: avoid; page-break-after: avoid; }
          table, figure, .figures, tr { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; }
          section { break-before: auto; }
          tbody tr:nth-child(even) { background: none; }
        }

        """
}
