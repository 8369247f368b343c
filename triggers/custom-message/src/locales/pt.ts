import type { Catalog } from '../catalog.js';

/**
 * Portuguese as written in Brazil, where most Portuguese speakers live (and what a bare `pt`
 * means on Android, iOS and most browsers). Sentences avoid "você" where they can, so that they
 * read naturally in Portugal too.
 */
export const pt: Catalog = {
  messages: {
    SignUp: {
      subject: 'Seu código de verificação para {app}',
      body: 'Obrigado por se cadastrar em {app}. Digite este código para confirmar seu e-mail:',
      sms: '{app}: seu código de verificação é {code}',
    },
    AdminCreateUser: {
      subject: 'Convite para {app}',
      body: 'Uma conta foi criada para você. Entre com este usuário e senha temporária e depois escolha sua própria senha.',
      sms: '{app}: seu usuário é {username} e sua senha temporária é {code}',
    },
    ResendCode: {
      subject: 'Seu novo código de verificação para {app}',
      body: 'Aqui está seu novo código. Digite-o para confirmar seu e-mail:',
      sms: '{app}: seu novo código de verificação é {code}',
    },
    ForgotPassword: {
      subject: 'Redefina sua senha de {app}',
      body: 'Digite este código para escolher uma nova senha:',
      sms: '{app}: seu código para redefinir a senha é {code}',
    },
    UpdateUserAttribute: {
      subject: 'Confirme seu novo e-mail em {app}',
      body: 'Digite este código para confirmar seu novo e-mail:',
      sms: '{app}: seu código de confirmação é {code}',
    },
    VerifyUserAttribute: {
      subject: 'Verifique seu e-mail em {app}',
      body: 'Digite este código em {app} para verificar seu e-mail:',
      sms: '{app}: seu código de verificação é {code}',
    },
    Authentication: {
      subject: 'Seu código de acesso para {app}',
      body: 'Digite este código para concluir o acesso. Se não foi você, altere sua senha.',
      sms: '{app}: seu código de acesso é {code}. Não o compartilhe.',
    },
  },
  greeting: 'Olá, {name},',
  greetingAnonymous: 'Olá,',
  codeLabel: 'Seu código',
  usernameLabel: 'Usuário',
  passwordLabel: 'Senha temporária',
  verifyButton: 'Confirmar e-mail',
  signInButton: 'Entrar em {app}',
  linkFallback: 'Se o botão não funcionar, abra este link:',
  ignoreNotice: 'Se não esperava este e-mail, pode ignorá-lo.',
  sentTo: 'Este e-mail foi enviado para {email}.',
  support: 'Dúvidas? Escreva para {support}.',
};
