import { defineQuiz } from '../../../lib/quiz.ts';

export default defineQuiz([
  {
    kind: 'number',
    question: {
      pt: 'Na sessão da lição, quantas linhas `* … joined` a ana recebe, contando a dela?',
      en: "In the lesson's session, how many `* … joined` lines does ana get, her own included?",
    },
    answer: 3,
    explanation: {
      pt: 'Três: a dela, a da bia e a do caio. O servidor manda a chegada para todos, inclusive para quem acabou de chegar: é assim que o cliente fica sabendo que o nome foi aceito. A ana não viu a primeira tentativa da bia, que pediu um nome já em uso: essa resposta vai só para quem pediu.',
      en: "Three: hers, bia's and caio's. The server sends an arrival to everyone, the newcomer included: that is how a client learns its name was accepted. ana never saw bia's first try, which asked for a name in use: that answer goes only to whoever asked.",
    },
    tiedTo: { session: 'chat-nc', terminal: 'client-ana', count: /^\* \S+ joined$/gm },
  },
  {
    kind: 'choice',
    corrects: 'a server has to wait for its slowest client',
    question: {
      pt: 'Um cliente para de ler, e os outros continuam falando. O que o servidor do curso faz com ele?',
      en: 'One client stops reading while the others keep talking. What does the course’s server do with it?',
    },
    options: [
      {
        pt: 'Pausa quem fala até ele voltar a ler.',
        en: 'It pauses whoever is talking until that client reads again.',
      },
      {
        pt: 'Guarda tudo o que ele ainda não leu, quanto for preciso.',
        en: 'It keeps everything that client has not read yet, however much it takes.',
      },
      {
        pt: 'Desconecta esse cliente quando a fila dele passa de 64 KiB.',
        en: 'It disconnects that client once its queue passes 64 KiB.',
      },
    ],
    answer: 2,
    explanation: {
      pt: 'Pausar quem fala pararia a sala inteira por causa de um só, e guardar sem limite deixaria um cliente parado encher a memória do servidor. Um limite por cliente (`MAX_QUEUE`) protege os dois lados: quem não lê perde a conexão, e os outros nem percebem.',
      en: 'Pausing the talker would stop the whole room because of one client, and keeping everything would let one idle client fill the server’s memory. A limit per client (`MAX_QUEUE`) protects both: the one that does not read loses its connection, and the others never notice.',
    },
    tiedTo: {
      example: 'exercises/chat/solution.ts',
      region: 'room',
      match: /MAX_QUEUE = (\d+) \* 1024/,
    },
  },
  {
    kind: 'choice',
    corrects: 'TCP keeps message boundaries',
    question: {
      pt: 'Um cliente manda `oi\\ntudo bem?\\n` num `write()` só. O que o servidor deve fazer com esses bytes?',
      en: 'A client sends `hi\\nhow are you?\\n` in a single `write()`. What should the server do with those bytes?',
    },
    options: [
      {
        pt: 'Tratar como uma mensagem só, já que veio numa escrita só.',
        en: 'Treat them as one message, since they came in one write.',
      },
      {
        pt: 'Separar nas quebras de linha: são duas mensagens.',
        en: 'Split them at the line breaks: they are two messages.',
      },
      {
        pt: 'Esperar o cliente fechar a conexão para saber onde a mensagem termina.',
        en: 'Wait for the client to close the connection to know where the message ends.',
      },
    ],
    answer: 1,
    explanation: {
      pt: 'O TCP entrega bytes, não escritas: o que marca o fim de uma mensagem é o protocolo, e neste chat é a quebra de linha. Duas linhas numa leitura são duas mensagens, e uma linha que chega em dois pedaços é uma só.',
      en: 'TCP delivers bytes, not writes: what marks the end of a message is the protocol, and in this chat it is the line break. Two lines in one read are two messages, and a line that arrives in two pieces is one.',
    },
  },
  {
    kind: 'choice',
    question: {
      pt: 'A bia manda `oi, ana!`. Quem recebe a linha `bia: oi, ana!`?',
      en: 'bia sends `oi, ana!`. Who gets the line `bia: oi, ana!`?',
    },
    options: [
      { pt: 'Todo mundo na sala, inclusive a bia.', en: 'Everyone in the room, bia included.' },
      { pt: 'Todo mundo na sala, menos a bia.', en: 'Everyone in the room but bia.' },
      { pt: 'Só a ana, que foi citada.', en: 'Only ana, who was named.' },
    ],
    answer: 1,
    explanation: {
      pt: 'O servidor manda cada linha para os outros, com o nome de quem falou na frente. Para quem escreveu, a linha já está na tela: o terminal mostrou enquanto ela digitava.',
      en: 'The server sends each line to the others, with the speaker’s name in front. The one who wrote it already has it on screen: the terminal showed it as it was typed.',
    },
  },
]);
