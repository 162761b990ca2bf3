/** The part of the configuration the accounts module reads; passed in by the app, never read from env here. */
export interface AccountsSettings {
  publicUrl: string;
  sessionTtlHours: number;
  invitationTtlHours: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  cookieSecure: boolean;
}
