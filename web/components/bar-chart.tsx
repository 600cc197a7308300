type Bar = { label: string; value: number | null; text: string };

const W = 720;
const H = 200;
const TOP = 24;
const BOTTOM = 32;
const LEFT = 36;

/** A small bar chart (inline SVG, values 0..max), e.g. conformance per month; a month without data has no bar. */
export function BarChart({ id, title, bars, max = 100 }: { id: string; title: string; bars: Bar[]; max?: number }) {
  const slot = (W - LEFT) / Math.max(1, bars.length);
  const height = (v: number) => ((H - TOP - BOTTOM) * Math.min(v, max)) / max;
  return (
    <svg class="bar-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{bars.map((b) => `${b.label}: ${b.text}`).join('; ')}</desc>
      {[0, 50, 100].map((g) => (
        <g class="grid">
          <line x1={LEFT} x2={W} y1={H - BOTTOM - height((g / 100) * max)} y2={H - BOTTOM - height((g / 100) * max)} />
          <text x={LEFT - 4} y={H - BOTTOM - height((g / 100) * max) + 4} text-anchor="end">
            {String((g / 100) * max)}
          </text>
        </g>
      ))}
      {bars.map((b, i) => {
        const x = LEFT + i * slot + slot * 0.15;
        const h = b.value === null ? 0 : height(b.value);
        return (
          <g class={b.value === null ? 'bar empty' : 'bar'}>
            {b.value !== null && (
              <rect
                x={x.toFixed(1)}
                y={(H - BOTTOM - h).toFixed(1)}
                width={(slot * 0.7).toFixed(1)}
                height={h.toFixed(1)}
              />
            )}
            <text
              class="value"
              x={(x + slot * 0.35).toFixed(1)}
              y={(H - BOTTOM - h - 4).toFixed(1)}
              text-anchor="middle"
            >
              {b.text}
            </text>
            <text class="label" x={(x + slot * 0.35).toFixed(1)} y={H - 12} text-anchor="middle">
              {b.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
