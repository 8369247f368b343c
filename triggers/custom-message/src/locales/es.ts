import type { Catalog } from '../catalog.js';

/** Spanish, informal address (tú), as most consumer and SaaS products write it. */
export const es: Catalog = {
  messages: {
    SignUp: {
      subject: 'Tu código de verificación de {app}',
      body: 'Gracias por registrarte en {app}. Introduce este código para confirmar tu correo electrónico:',
      sms: '{app}: tu código de verificación es {code}',
    },
    AdminCreateUser: {
      subject: 'Te han invitado a {app}',
      body: 'Se ha creado una cuenta para ti. Inicia sesión con este usuario y contraseña temporal y después elige tu propia contraseña.',
      sms: '{app}: tu usuario es {username} y tu contraseña temporal es {code}',
    },
    ResendCode: {
      subject: 'Tu nuevo código de verificación de {app}',
      body: 'Aquí tienes tu nuevo código. Introdúcelo para confirmar tu correo electrónico:',
      sms: '{app}: tu nuevo código de verificación es {code}',
    },
    ForgotPassword: {
      subject: 'Restablece tu contraseña de {app}',
      body: 'Introduce este código para elegir una nueva contraseña:',
      sms: '{app}: tu código para restablecer la contraseña es {code}',
    },
    UpdateUserAttribute: {
      subject: 'Confirma tu nuevo correo electrónico en {app}',
      body: 'Introduce este código para confirmar tu nuevo correo electrónico:',
      sms: '{app}: tu código de confirmación es {code}',
    },
    VerifyUserAttribute: {
      subject: 'Verifica tu correo electrónico en {app}',
      body: 'Introduce este código en {app} para verificar tu correo electrónico:',
      sms: '{app}: tu código de verificación es {code}',
    },
    Authentication: {
      subject: 'Tu código de inicio de sesión de {app}',
      body: 'Introduce este código para terminar de iniciar sesión. Si no has sido tú, cambia tu contraseña.',
      sms: '{app}: tu código de inicio de sesión es {code}. No lo compartas.',
    },
  },
  greeting: 'Hola, {name}:',
  greetingAnonymous: 'Hola:',
  codeLabel: 'Tu código',
  usernameLabel: 'Usuario',
  passwordLabel: 'Contraseña temporal',
  verifyButton: 'Confirmar correo electrónico',
  signInButton: 'Iniciar sesión en {app}',
  linkFallback: 'Si el botón no funciona, abre este enlace:',
  ignoreNotice: 'Si no esperabas este correo, puedes ignorarlo.',
  sentTo: 'Este correo se envió a {email}.',
  support: '¿Tienes preguntas? Escribe a {support}.',
};
