import { countdownText } from '../format.js';

/**
 * Time left to an instant; static/dashboard.js keeps it ticking from `data-due`, counting from the server's clock
 * (`data-server-now`, when the page was made) rather than the browser's.
 */
export const Countdown = ({ dueAt, now }: { dueAt: string; now: number }) => {
  const left = Date.parse(dueAt) - now;
  return (
    <span
      class={left < 0 ? 'countdown overdue' : 'countdown'}
      data-due={dueAt}
      data-server-now={new Date(now).toISOString()}
      role="timer"
    >
      {countdownText(left)}
    </span>
  );
};
