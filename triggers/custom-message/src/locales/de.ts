import type { Catalog } from '../catalog.js';

/** German, formal address (Sie). */
export const de: Catalog = {
  messages: {
    SignUp: {
      subject: 'Ihr Bestätigungscode für {app}',
      body: 'Danke für Ihre Registrierung bei {app}. Bestätigen Sie Ihre E-Mail-Adresse mit diesem Code:',
      sms: '{app}: Ihr Bestätigungscode lautet {code}',
    },
    AdminCreateUser: {
      subject: 'Ihre Einladung zu {app}',
      body: 'Für Sie wurde ein Konto angelegt. Melden Sie sich mit diesem Benutzernamen und vorläufigen Passwort an und wählen Sie dann Ihr eigenes Passwort.',
      sms: '{app}: Ihr Benutzername ist {username}, Ihr vorläufiges Passwort {code}',
    },
    ResendCode: {
      subject: 'Ihr neuer Bestätigungscode für {app}',
      body: 'Hier ist Ihr neuer Code. Bestätigen Sie damit Ihre E-Mail-Adresse:',
      sms: '{app}: Ihr neuer Bestätigungscode lautet {code}',
    },
    ForgotPassword: {
      subject: 'Passwort für {app} zurücksetzen',
      body: 'Mit diesem Code wählen Sie ein neues Passwort:',
      sms: '{app}: Ihr Code zum Zurücksetzen des Passworts lautet {code}',
    },
    UpdateUserAttribute: {
      subject: 'Neue E-Mail-Adresse für {app} bestätigen',
      body: 'Bestätigen Sie Ihre neue E-Mail-Adresse mit diesem Code:',
      sms: '{app}: Ihr Bestätigungscode lautet {code}',
    },
    VerifyUserAttribute: {
      subject: 'E-Mail-Adresse für {app} bestätigen',
      body: 'Geben Sie diesen Code in {app} ein, um Ihre E-Mail-Adresse zu bestätigen:',
      sms: '{app}: Ihr Bestätigungscode lautet {code}',
    },
    Authentication: {
      subject: 'Ihr Anmeldecode für {app}',
      body: 'Schließen Sie die Anmeldung mit diesem Code ab. Waren Sie das nicht, ändern Sie Ihr Passwort.',
      sms: '{app}: Ihr Anmeldecode lautet {code}. Geben Sie ihn nicht weiter.',
    },
  },
  greeting: 'Hallo {name},',
  greetingAnonymous: 'Hallo,',
  codeLabel: 'Ihr Code',
  usernameLabel: 'Benutzername',
  passwordLabel: 'Vorläufiges Passwort',
  verifyButton: 'E-Mail-Adresse bestätigen',
  signInButton: 'Bei {app} anmelden',
  linkFallback: 'Falls die Schaltfläche nicht funktioniert, öffnen Sie diesen Link:',
  ignoreNotice: 'Wenn Sie diese E-Mail nicht erwartet haben, können Sie sie ignorieren.',
  sentTo: 'Diese E-Mail wurde an {email} gesendet.',
  support: 'Fragen? Schreiben Sie an {support}.',
};
