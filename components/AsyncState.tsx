import type { ComponentChildren } from 'preact';

export type Loadable<T> = { state: 'loading' } | { state: 'error'; error: string } | { state: 'ready'; value: T };

/** One place for the loading / error / empty states every view needs. */
export function AsyncState<T>(props: {
  value: Loadable<T>;
  isEmpty: (v: T) => boolean;
  empty: ComponentChildren;
  onRetry?: () => void;
  children: (v: T) => ComponentChildren;
}) {
  const { value } = props;
  if (value.state === 'loading')
    return (
      <p class="state loading" role="status">
        Loading…
      </p>
    );
  if (value.state === 'error')
    return (
      <div class="state error" role="alert">
        <p>Something went wrong: {value.error}</p>
        {props.onRetry ? <button onClick={props.onRetry}>Try again</button> : null}
      </div>
    );
  if (props.isEmpty(value.value)) return <p class="state empty">{props.empty}</p>;
  return <>{props.children(value.value)}</>;
}
