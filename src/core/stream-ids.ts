/**
 * The kit's default stream IDs: `<userID>_main` for the camera, `<userID>_screen` for a screen share.
 *
 * A user ID may hold `0-9 a-z A-Z` and ``#!$%&()`'+-;<=.>@^_~,*`` (64 bytes), a stream ID only
 * `0-9 a-z A-Z - _` (256 bytes). So every character of the user ID but `0-9 a-z A-Z -` is written
 * as `_` and its two hex digits, upper case: `alice.smith@example.com` publishes
 * `alice_2Esmith_40example_2Ecom_main`, `bob` still `bob_main`. The mapping is stable, and no two
 * user IDs share a stream ID (`_m` and `_s` are not hex, so the suffix is never part of an escape).
 */
export function streamIDFor(userID: string, kind: 'main' | 'screen' = 'main'): string {
  const safe = userID.replace(
    /[^0-9a-zA-Z-]/g,
    (c) => `_${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  return `${safe}_${kind}`;
}
