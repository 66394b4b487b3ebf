"""Spanish starter content for the port-placement explainer.

The same shape and order as `port_placement.py` (the English): each section here
is the Spanish of the English section at the same place, and takes its kind from
it. The facts are the English page's; the words were written anew in plain
Spanish for patients (usted, short sentences, common words, each medical word
explained the first time). A qualified medical translator must review them
before the clinic relies on them.
"""

PROCEDURE = {
    "title": "Colocación de un puerto para la quimioterapia",
    "summary": """- Un puerto es un disco pequeño que se pone bajo la piel del pecho.
- Con él, su equipo médico llega fácil a una vena para darle la quimioterapia
  (medicina contra el cáncer).
- Ponerlo toma cerca de una hora. El tiempo puede variar.
- Casi todas las personas se van a casa el mismo día.
- Le darán un sedante. Es una medicina que calma y da sueño.
- Necesita que alguien maneje por usted de vuelta a casa.
""",
    "other_names": (
        "Port-a-cath\nPuerto implantado\nMediport\nDispositivo de acceso venoso central"
    ),
    "meta_description": (
        "Un puerto para la quimioterapia: qué es, cómo prepararse, cada paso, "
        "la recuperación en casa y cuándo llamarnos. Oeste de MA y norte de CT."
    ),
    "body_location": "Parte alta del pecho, bajo la clavícula",
}

SECTIONS = [
    {
        "heading": "¿Qué es un puerto?",
        "body": """Un puerto es una pieza pequeña que va bajo la piel. Sirve para que su
equipo médico llegue fácil a una vena. Las venas son los tubos que llevan la
sangre al corazón. El puerto tiene dos partes.

- **El puerto.** Es una cajita redonda. También se llama reservorio. Es del
  tamaño de una moneda de 25 centavos. La tapa es blanda, como de goma. Usted la
  puede sentir bajo la piel.
- **El tubo.** Un tubo fino y blando va del puerto a una vena grande cerca del
  corazón. Este tubo se llama catéter.

Casi siempre, el puerto va en la parte alta del pecho, bajo la clavícula. La
clavícula es el hueso que va del hombro al cuello. Algunos puertos van en el
brazo. Todo el puerto queda bajo la piel. Nada queda por fuera.

Puede que oiga otros nombres. Por ejemplo: Port-a-cath, puerto implantado,
Mediport o dispositivo de acceso venoso central. Todos son lo mismo.
""",
    },
    {
        "heading": "Por qué puede necesitar un puerto",
        "body": """La quimioterapia es una medicina que trata el cáncer. Muchas veces se
da por una vena. Puede que la necesite muchas veces, por semanas o meses. Un
pinchazo nuevo cada vez puede ser duro para usted y para sus venas.

Con el puerto, su equipo llega fácil a la vena. También lo puede usar para:

- Sacarle sangre para pruebas
- Darle otras medicinas por la vena (IV)
- Darle sueros (líquidos por la vena)

Hay otras formas de llegar a una vena. Su equipo puede hablarle de ellas.

- **Una línea PICC.** Es un tubo largo y fino que va en una vena del brazo. Una
  punta queda fuera de la piel.
- **Un catéter tunelizado.** Es un tubo que pasa bajo la piel del pecho. Una
  punta sale por la piel.
- **Una IV nueva cada vez.** En cada visita, una enfermera le pone una aguja
  nueva en la mano o el brazo.

Con un puerto, la vida suele ser más fácil. Nada sale de la piel. Cuando sane,
puede nadar, bañarse en tina, ducharse y hacer ejercicio.
""",
    },
    {
        "heading": "Cómo prepararse",
        "body": """Antes del día del puerto, díganos si usted:

- Toma un anticoagulante. Es una medicina para que la sangre no forme coágulos
  (bolas de sangre).
- Tiene alergias, sobre todo al tinte de rayos X (contraste) o al látex. Los
  rayos X toman fotos por dentro del cuerpo.
- Está embarazada o cree que puede estarlo

No deje de tomar ninguna medicina por su cuenta. Le diremos si hace falta.

Le darán un sedante. Es una medicina que calma y da sueño. Por eso, tendrá que
dejar de comer y beber un rato antes. Le diremos a qué hora parar.

No puede manejar después de un sedante, aunque se sienta bien. Traiga a un
adulto que maneje por usted de vuelta a casa.

Use ropa suelta y cómoda. Una blusa o camisa que abra por delante es lo más
fácil.

Al llegar, una enfermera le pondrá una IV en la mano o el brazo. Una IV es un
tubo corto y blando que va en una vena. Por ahí le darán el sedante.
""",
    },
    {
        "heading": "Quién lo hace y dónde",
        "body": """Un médico intervencionista le pone el puerto. Es un médico que hace
tratamientos con la ayuda de imágenes, como la ecografía y los rayos X. La
ecografía, o ultrasonido, usa ondas de sonido para ver dentro del cuerpo.

Ponerle un puerto es un procedimiento ambulatorio. Esto quiere decir que se va
a casa el mismo día. No pasa la noche aquí.

En la sala ayudan enfermeras y un tecnólogo. El tecnólogo sabe usar las
máquinas de imágenes. Todo el tiempo, el equipo vigila su respiración, su pulso
y que esté cómodo.

Ponemos puertos a pacientes de todo el oeste de Massachusetts y el norte de
Connecticut.
""",
    },
    {
        "heading": "Qué pasa, paso a paso",
        "body": """Esto es lo que pasa durante el procedimiento. Toma cerca de una hora,
pero el tiempo puede variar. Su puerto se puede usar el mismo día.
""",
    },
    {
        "heading": "Lo que va a sentir",
        "body": """**Mientras le ponen el puerto:**

- La medicina que adormece puede picar y arder unos segundos.
- Luego puede sentir que aprietan o empujan. No debe sentir un dolor fuerte.
- El sedante le dará calma y sueño. Puede que se duerma.
- Si siente dolor, díganoslo. Le podemos dar más medicina que adormece.

**Después:**

- Es normal que la zona le duela unos días.
- Puede que tenga sueño el resto del día.
- Va a sentir un bulto pequeño bajo la piel. Es el puerto, y es normal.
""",
    },
    {
        "heading": "La recuperación en casa",
        "body": """Casi todas las personas se van a casa el mismo día. Un adulto debe
manejar por usted.

- El corte le puede doler. Si hace falta, tome una medicina para el dolor que se
  compra sin receta. Pregúntenos cuál es buena para usted.
- Le daremos los pasos para cuidar el corte. Sígalos bien.
- Mantenga la venda limpia y seca. Le diremos cuándo se puede duchar.
- No levante cosas pesadas hasta que sane el corte. Tampoco haga ejercicio fuerte.
- Cuando sane el corte, puede volver a sus actividades de siempre.
""",
    },
    {
        "heading": "La vida con su puerto",
        "body": """Para usar su puerto, una enfermera busca la tapa blanda con los dedos.
Luego pasa una aguja especial por la piel hasta el puerto. Va a sentir un
pinchazo rápido. Una crema que adormece la piel puede hacer que duela menos.
Pregunte por ella.

La medicina pasa del puerto al tubo, y del tubo a la vena. Al final, le sacan
la aguja.

Entre un tratamiento y otro, hay que lavar el puerto por dentro. Eso es pasarle un líquido
para que no se tape. Su equipo le dirá cada cuánto.

Le darán una tarjeta del puerto. Dice qué tipo de puerto tiene. Llévela
siempre. Muéstrela cada vez que vea a un médico o una enfermera nuevos.
""",
    },
    {
        "heading": "Riesgos y beneficios",
        "body": """**Beneficios:**

- Le pinchan menos veces.
- Cuida las venas de sus manos y brazos.
- Se puede usar el mismo día que se pone.
- Nada sale de la piel. Así puede hacer su vida de siempre.

**Riesgos:**

Todo procedimiento tiene algún riesgo. Con un puerto, puede pasar:

- Que sangre o salga un moretón cerca del corte
- Una infección, o sea, que entren gérmenes
- Que el tubo se tape, o que se forme un coágulo
- Rara vez, que la aguja toque un pulmón. El pulmón se puede desinflar (colapsar).
- Rara vez, que el tubo se mueva de su sitio

Los problemas graves son raros. El equipo está atento a ellos todo el tiempo.
Antes de empezar, le hablaremos de sus riesgos.
""",
    },
    {
        "heading": "Cuándo llamarnos",
        "body": """Mire la zona del puerto mientras sana. Llámenos si ve estas señales.
""",
    },
    {
        "heading": "Cuándo se saca el puerto",
        "body": """El puerto se puede quedar puesto todo el tiempo que lo necesite.
Cuando ya no le haga falta, se lo pueden sacar. Su equipo le dirá cuándo.

Sacar el puerto es un procedimiento corto y ambulatorio. Primero le ponen una medicina que adormece.
Luego el médico saca el puerto por un corte pequeño. Se va a casa el mismo día.
""",
    },
    {
        "heading": "Preguntas para su equipo médico",
        "body": """Puede imprimir esta lista y traerla a su próxima cita. Escriba
también lo que le digan.
""",
    },
]

STEPS = [
    "Usted se acuesta boca arriba en una mesa.",
    "Le limpiamos la piel del cuello y de la parte alta del pecho.",
    "El médico le pone una medicina que adormece la zona del puerto y del tubo. "
    "Se llama anestesia local.",
    "El médico hace un corte pequeño bajo la clavícula.",
    "El médico hace un bolsillo pequeño bajo la piel para el puerto.",
    "Con la ecografía como guía, el médico pone una aguja en una vena. Casi siempre es la vena "
    "yugular, en la parte baja del cuello.",
    "Pasa un alambre fino por la aguja hasta la vena. Luego saca la aguja.",
    "El tubo se desliza sobre el alambre hasta la vena. El médico lo guía con rayos X en vivo.",
    "La punta del tubo queda cerca del corazón. Queda justo encima, en la vena cava "
    "superior (la vena grande que entra al corazón), o justo dentro del corazón.",
    "El tubo se une al puerto. El puerto va en el bolsillo, y unos puntos lo sujetan.",
    "Probamos el puerto. Vemos que pueda dar líquidos y sacar sangre.",
    "Cerramos el corte y lo tapamos con una venda limpia (estéril).",
    "Su puerto está listo para usar el mismo día.",
]

WARNING_SIGNS = {
    "call_clinic": [
        "La piel roja, hinchada o caliente en el corte o el puerto",
        "Líquido o pus que sale del corte",
        "Fiebre de 100.4 °F o más, o escalofríos",
        "Dolor que empeora en vez de mejorar",
        "Sangre que moja toda la venda",
        "La zona del puerto se ve o se siente distinta",
    ],
    "emergency": [
        "Dolor en el pecho",
        "Le cuesta respirar, o de pronto le falta el aire",
        "Hinchazón en la cara, el cuello o el brazo",
        "Desmayo",
        "El corazón le late muy rápido",
    ],
}

QUESTIONS = [
    "¿Por qué un puerto es buena opción para mí?",
    "¿Hay otras opciones que debo pensar?",
    "¿Debo dejar alguna de mis medicinas antes?",
    "¿Cuándo debo dejar de comer y beber?",
    "¿Cómo cuido el corte en casa?",
    "¿Cuándo puedo ducharme, nadar o hacer ejercicio?",
    "¿Quién va a lavar mi puerto, y cada cuánto?",
    "¿A quién llamo si tengo un problema de noche o el fin de semana?",
    "¿Cuánto tiempo tendré el puerto?",
    "¿Cómo me sacarán el puerto cuando termine?",
]
