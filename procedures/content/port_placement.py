"""Starter content for the port-placement explainer.

Loaded once into the database by `manage.py load_starter_content`; after that,
editors own it in the admin and this file is never applied again.
Facts come from the clinic's original page and the common outline of patient
pages on ports; the words were written anew in plain language. No clinician at the
clinic has reviewed them: the page loads with no reviewer, and says so to patients
until an editor records a clinical review.
"""

PROCEDURE = {
    "title": "Port placement for chemotherapy",
    "slug": "port-placement",
    "summary": """- A port is a small disc placed under the skin of your chest.
- It gives your care team an easy way into a vein for chemotherapy.
- Putting it in takes about an hour. Times vary.
- Most people go home the same day.
- You get a sedative (medicine that makes you relaxed and sleepy).
- You will need someone to drive you home.
""",
    "other_names": "Port-a-cath\nImplanted port\nMediport\nCentral venous access device",
    "meta_description": (
        "Getting a port for chemotherapy: what it is, how to get ready, each step, "
        "recovery at home and when to call us. Western MA and Northern CT."
    ),
    "body_location": "Upper chest, below the collarbone",
}

SECTIONS = [
    {
        "heading": "What is a port?",
        "kind": "general",
        "body": """A port is a small tool that sits under your skin. It gives your care
team an easy way into a vein. It has two parts.

- **The port.** This is a small, round chamber, also called a reservoir. It is
  about the size of a quarter. Its top is soft, like rubber. You can feel the top
  through your skin.
- **The tube.** A thin, soft tube runs from the port into a large vein near your
  heart. This tube is called a catheter.

Most often the port sits in your upper chest, below the collarbone. Some ports
go in the arm. The whole port is under your skin. No part of it sticks out.

You may hear other names for a port. These include Port-a-cath, implanted port,
Mediport and central venous access device. They all mean the same thing.
""",
    },
    {
        "heading": "Why you might need a port",
        "kind": "general",
        "body": """Chemotherapy (medicine that treats cancer) is often given into a vein.
You may need it many times over weeks or months. A new needle stick each time can
be hard on you and on your veins.

A port gives your care team an easy way in. They can also use it to:

- Take blood for tests
- Give other IV medicines (medicines that go into a vein)
- Give you fluids

There are other ways to reach a vein. Your care team may talk with you about them.

- **A PICC line.** This is a long, thin tube in a vein in your arm. One end stays
  outside your skin.
- **A tunneled catheter.** This is a tube that runs under the skin of your chest.
  One end comes out through the skin.
- **A new IV each time.** A nurse puts a new needle in your hand or arm at each
  visit.

A port is often easier to live with. Nothing sticks out of your skin. Once you
heal, you can swim, take a bath, shower and exercise.
""",
    },
    {
        "heading": "How to get ready",
        "kind": "preparation",
        "body": """Before the day of your port, tell us if you:

- Take a blood thinner (medicine that keeps your blood from clotting)
- Have allergies, mostly to X-ray dye (contrast) or to latex
- Are pregnant or might be pregnant

Do not stop any medicine on your own. We will tell you if you need to.

You will get a sedative (medicine that makes you relaxed and sleepy). Because of
this, you will need to stop eating and drinking for a while before. We will tell
you when to stop.

You cannot drive after a sedative, even if you feel fine. Bring an adult who can
drive you home.

Wear loose, comfortable clothes. A top that opens in the front may be easiest.

When you arrive, a nurse will put an IV in your hand or arm. An IV is a small,
soft tube in a vein. This is how you will get the sedative.
""",
    },
    {
        "heading": "Who does it and where",
        "kind": "general",
        "body": """An interventional doctor puts in your port. This is a doctor trained to
do procedures guided by images, such as ultrasound and X-ray. Ultrasound uses
sound waves to see inside your body.

Getting a port is an outpatient procedure. This means you go home the same day.
You do not stay overnight.

Nurses and a technologist help in the room. A technologist is trained to run the
imaging machines. The team watches your breathing, heart rate and comfort the
whole time.

We place ports for patients across Western Massachusetts and Northern
Connecticut.
""",
    },
    {
        "heading": "What happens, step by step",
        "kind": "steps",
        "body": """Here is what happens during the procedure. It takes about an hour,
but times vary. Your port can be used the same day.
""",
    },
    {
        "heading": "What you will feel",
        "kind": "general",
        "body": """**During the procedure:**

- The numbing medicine may pinch and sting for a few seconds.
- After that, you may feel pressure or pushing. You should not feel sharp pain.
- The sedative will make you sleepy and relaxed. You may doze off.
- If you feel pain, tell the team. They can give you more numbing medicine.

**After the procedure:**

- The area will likely be sore for a few days.
- You may feel sleepy for the rest of the day.
- You will feel a small bump under your skin. This is the port, and it is normal.
""",
    },
    {
        "heading": "Recovery at home",
        "kind": "recovery",
        "body": """Most people go home the same day. An adult should drive you.

- The cut may be sore. Over-the-counter pain medicine (medicine you can buy
  without a prescription) can help if you need it. Ask us which kind is safe
  for you.
- We will give you steps for caring for your cut. Follow them closely.
- Keep the bandage clean and dry. We will tell you when you can shower.
- Do not lift heavy things until the cut heals. Skip hard exercise too.
- Once the cut heals, you can go back to your normal activities.
""",
    },
    {
        "heading": "Living with your port",
        "kind": "general",
        "body": """To use your port, a nurse feels for its soft top through your skin.
Then the nurse puts a special needle through your skin into the port. You will
feel a quick poke. A numbing cream on the skin first can make it hurt less. Ask
your care team about it.

Medicine flows from the port, through the tube, into your vein. The needle comes
out when your treatment is done.

Between treatments, the port needs to be flushed. This means rinsing it with
fluid so it does not get blocked. Your care team will set up a plan for this.

You will get a port card. It tells others what kind of port you have. Keep it
with you. Show it to any new doctor or nurse who treats you.
""",
    },
    {
        "heading": "Risks and benefits",
        "kind": "general",
        "body": """**Benefits:**

- You get fewer needle sticks.
- It saves the veins in your hands and arms.
- It can be used the same day it is put in.
- Nothing sticks out, so you can live your life as usual.

**Risks:**

Every procedure has some risk. With a port, problems can include:

- Bleeding or bruising near the cut
- Infection
- The tube can get blocked, or a blood clot can form
- Rarely, the needle nicks a lung. This can cause a collapsed lung.
- Rarely, the tube moves out of place

Serious problems are rare. Our team checks for them during and after the
procedure. We will talk with you about your risks before we start.
""",
    },
    {
        "heading": "When to call us",
        "kind": "warning_signs",
        "body": """Watch your port area as it heals, and call if you notice these signs.
""",
    },
    {
        "heading": "When the port comes out",
        "kind": "general",
        "body": """Your port can stay in as long as you need it. When you no longer need
it, it can be taken out. Your care team will decide when.

Taking out a port is a short outpatient procedure. You get numbing medicine
first. Then the doctor takes the port out through a small cut. You go home the
same day.
""",
    },
    {
        "heading": "Questions to ask your care team",
        "kind": "questions",
        "body": """You can print this list and bring it to your next visit. Write down
the answers, too.
""",
    },
]

STEPS = [
    "You lie flat on your back on a table.",
    "We clean the skin of your neck and upper chest.",
    "The doctor gives you numbing medicine where the port and tube will go.",
    "The doctor makes a small cut below your collarbone.",
    "The doctor makes a small pocket under your skin for the port.",
    "Ultrasound guides a needle into a vein. Most often this is the jugular vein, low "
    "in your neck.",
    "A thin wire goes through the needle into the vein. Then the needle comes out.",
    "The tube slides over the wire into the vein. The doctor watches on live X-ray to steer it.",
    "The tip of the tube rests near your heart. It sits just above the heart in the "
    "superior vena cava (the big vein that leads into it), or just inside the heart.",
    "The tube is joined to the port. The port goes into the pocket, and a few stitches "
    "hold it there.",
    "We test the port. We make sure it can give fluids and draw blood.",
    "We close the cut and cover it with a clean (sterile) bandage.",
    "Your port is ready to use the same day.",
]

WARNING_SIGNS = {
    "call_clinic": [
        "Redness, swelling or warmth at the cut or port",
        "Fluid or pus leaking from the cut",
        "A fever of 100.4°F or higher, or chills",
        "Pain that gets worse, not better",
        "Bleeding that soaks through the bandage",
        "The port area looks or feels different",
    ],
    "emergency": [
        "Chest pain",
        "Trouble breathing or sudden shortness of breath",
        "Swelling in your face, neck or arm",
        "Fainting",
        "A racing heartbeat",
    ],
}

QUESTIONS = [
    "Why is a port a good choice for me?",
    "Are there other options I should think about?",
    "Should I stop any of my medicines before the procedure?",
    "When should I stop eating and drinking?",
    "How do I care for the cut at home?",
    "When can I shower, swim or exercise?",
    "Who will flush my port, and how often?",
    "Who do I call if I have a problem at night or on a weekend?",
    "How long will I keep my port?",
    "How will the port be taken out when I am done?",
]
