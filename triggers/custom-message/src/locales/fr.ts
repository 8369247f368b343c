import type { Catalog } from '../catalog.js';

/**
 * French, formal address (vous). Plain spaces before ":" "?" and ";": a non-breaking space
 * would push an SMS out of the GSM 7-bit alphabet.
 */
export const fr: Catalog = {
  messages: {
    SignUp: {
      subject: 'Votre code de vérification {app}',
      body: 'Merci pour votre inscription à {app}. Saisissez ce code pour confirmer votre adresse e-mail :',
      sms: '{app} : votre code de vérification est {code}',
    },
    AdminCreateUser: {
      subject: 'Votre invitation à {app}',
      body: 'Un compte a été créé pour vous. Connectez-vous avec cet identifiant et ce mot de passe temporaire, puis choisissez votre propre mot de passe.',
      sms: '{app} : votre identifiant est {username} et votre mot de passe temporaire {code}',
    },
    ResendCode: {
      subject: 'Votre nouveau code de vérification {app}',
      body: 'Voici votre nouveau code. Saisissez-le pour confirmer votre adresse e-mail :',
      sms: '{app} : votre nouveau code de vérification est {code}',
    },
    ForgotPassword: {
      subject: 'Réinitialisez votre mot de passe {app}',
      body: 'Saisissez ce code pour choisir un nouveau mot de passe :',
      sms: '{app} : votre code de réinitialisation du mot de passe est {code}',
    },
    UpdateUserAttribute: {
      subject: 'Confirmez votre nouvelle adresse e-mail {app}',
      body: 'Saisissez ce code pour confirmer votre nouvelle adresse e-mail :',
      sms: '{app} : votre code de confirmation est {code}',
    },
    VerifyUserAttribute: {
      subject: 'Vérifiez votre adresse e-mail {app}',
      body: 'Saisissez ce code dans {app} pour vérifier votre adresse e-mail :',
      sms: '{app} : votre code de vérification est {code}',
    },
    Authentication: {
      subject: 'Votre code de connexion {app}',
      body: "Saisissez ce code pour terminer la connexion. Si ce n'était pas vous, changez votre mot de passe.",
      sms: '{app} : votre code de connexion est {code}. Ne le partagez pas.',
    },
  },
  greeting: 'Bonjour {name},',
  greetingAnonymous: 'Bonjour,',
  codeLabel: 'Votre code',
  usernameLabel: 'Identifiant',
  passwordLabel: 'Mot de passe temporaire',
  verifyButton: "Confirmer l'adresse e-mail",
  signInButton: 'Se connecter à {app}',
  linkFallback: 'Si le bouton ne fonctionne pas, ouvrez ce lien :',
  ignoreNotice: "Si vous n'attendiez pas cet e-mail, vous pouvez l'ignorer.",
  sentTo: 'Cet e-mail a été envoyé à {email}.',
  support: 'Des questions ? Écrivez à {support}.',
};
