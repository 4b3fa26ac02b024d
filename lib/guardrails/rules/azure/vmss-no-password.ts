import { Rule, verdict } from '../../rule';

/** Scale set allowing password login. */
export const vmssNoPassword: Rule = {
  id: 'AZ-VM-001',
  level: 'error',
  appliesTo: ['azurerm_linux_virtual_machine_scale_set'],
  message: "Scale set allowing password login",
  why: "Passwords are guessed and reused; Entra ID login is conditional-access controlled and logged.",
  link: "https://learn.microsoft.com/entra/identity/devices/howto-vm-sign-in-azure-ad-linux",
  check: (r) => verdict(r.config.disable_password_authentication !== false && r.config.admin_password === undefined),
};
