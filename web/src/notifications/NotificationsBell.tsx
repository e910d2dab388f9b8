export function NotificationsBell() {
  return null;
}
