/** Why a count ends in "+": said on hover wherever one is shown. */
export const cappedCountTitle = (count: number) =>
  `at least ${count.toLocaleString('en-US')}: counting stops there to keep the console fast`;

/** A run count as the console shows it: `10,000+` when counting stopped at the cap. */
export function formatCount(count: number, capped = false): string {
  return `${count.toLocaleString('en-US')}${capped ? '+' : ''}`;
}
