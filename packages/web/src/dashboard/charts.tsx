// Small inline-SVG charts: no chart library for a few bars and a progress meter.

export function Bars({ values, labels, title, height = 60 }: { values: number[]; labels?: string[]; title: string; height?: number }) {
  const max = Math.max(1, ...values);
  const w = 8;
  return (
    <svg className="bars" role="img" aria-label={title} width={values.length * (w + 2)} height={height} viewBox={`0 0 ${values.length * (w + 2)} ${height}`}>
      {values.map((v, i) => {
        const hgt = (v / max) * (height - 2);
        return <rect key={i} x={i * (w + 2)} y={height - hgt} width={w} height={hgt} fill="currentColor"><title>{`${labels?.[i] ?? i}: ${v}`}</title></rect>;
      })}
    </svg>
  );
}

export function Meter({ value, max, label }: { value: number; max: number; label: string }) {
  const share = max > 0 ? Math.min(1, value / max) : 0;
  return (
    <svg className="meter" role="meter" aria-label={label} aria-valuenow={value} aria-valuemin={0} aria-valuemax={max} width="200" height="12">
      <rect width="200" height="12" fill="#ddd" />
      <rect width={200 * share} height="12" fill={share >= 1 ? '#c33' : '#3a7'} />
    </svg>
  );
}
